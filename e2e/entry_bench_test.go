package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"go.temporal.io/sdk/client"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/internal/latency"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// BenchmarkEntry measures the entry path of one whole dev system (embedded
// Temporal on SQLite, the worker, the API over HTTP, PostgreSQL), each figure
// beside its baseline from the same run and the same database or server:
//
//	go test ./e2e -run '^$' -bench '^BenchmarkEntry$' -benchtime 2000x -count 1 -timeout 30m
//
// Latency sub-benchmarks (c1) report p50_us and p99_us; throughput ones
// (c16) report ops/s; the entry bursts also report how the outbox drained
// behind them: lag_p50_ms and lag_p99_ms from the resource's row
// (resources.created_at, the entry transaction's start) to its workflow's
// start time in Temporal, and drain_ms from the burst's last answer to an
// empty outbox.
func BenchmarkEntry(b *testing.B) {
	e := newEntryBench(b)
	b.Run("sdk_start_c16", func(b *testing.B) { throughput(b, 16, e.sdkStart) })
	b.Run("insert_tx_c1", func(b *testing.B) { latency.Measure(b, 20, e.insertTx) })
	b.Run("enter_service_c1", func(b *testing.B) { latency.Measure(b, 20, func(n int) error { return e.enterService(0, n) }) })
	b.Run("enter_http_c1", func(b *testing.B) {
		latency.Measure(b, 20, func(n int) error { _, err := e.enterHTTP(0, n); return err })
	})
	b.Run("healthz_http_c1", func(b *testing.B) { latency.Measure(b, 20, e.healthz) })
	b.Run("search_http_hit_c1", func(b *testing.B) {
		latency.Measure(b, 20, func(n int) error { return e.search(1+int64(n)%e.next.Load(), true) })
	})
	b.Run("search_http_miss_c1", func(b *testing.B) {
		latency.Measure(b, 20, func(n int) error { return e.search(e.next.Load()+1_000_000+int64(n), false) })
	})
	b.Run("enter_http_c16_16reps", func(b *testing.B) { e.burst(b, 16) })
	b.Run("enter_http_c16_1rep", func(b *testing.B) { e.burst(b, 1) })
}

// entryBench is the running system and what the sub-benchmarks share.
type entryBench struct {
	stack *devserver.Stack
	pool  *pgxpool.Pool // a second pool on tide's database, for the baseline
	seas  *sea.Service  // the service the API calls, called directly
	reps  []people.User
	http  []apitest.Client // one signed-in client per rep
	// next numbers the entries: entry n is the company body(n), so 1…next
	// are all entered and a search for one of them hits.
	next   atomic.Int64
	starts atomic.Int64
}

const benchReps = 16

func newEntryBench(b *testing.B) *entryBench {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// The system logs as tide dev does (a line per request), unread.
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.Cleanup(func() { slog.SetDefault(prev) })
	dbURL := dbtest.New(b)
	st, err := devserver.Start(ctx, devserver.Options{
		DatabaseURL: dbURL, DataDir: b.TempDir(), Addr: "127.0.0.1:0", Namespace: "default",
		TokenTTL: time.Hour, DemoPassword: "tide-demo", DemoCost: bcrypt.MinCost,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Stop(context.Background()) })
	e := &entryBench{stack: st}
	e.seas = &sea.Service{Store: st.App.Store, Protector: st.App.Protector, Rules: st.App.Rules, Outbox: st.App.Outbox}
	hash, err := auth.HashPassword("tide-demo", bcrypt.MinCost)
	if err != nil {
		b.Fatal(err)
	}
	anon := apitest.Client{T: b, Base: "http://" + st.HTTP.Addr}
	for i := 1; i <= benchReps; i++ {
		u := people.NewUser{Username: fmt.Sprintf("bench%02d", i), Name: fmt.Sprintf("Bench %d", i), Role: people.RoleRep, PasswordHash: hash}
		if _, err := st.App.Store.EnsureUser(ctx, u); err != nil {
			b.Fatal(err)
		}
		rep, err := st.App.Store.UserByUsername(ctx, u.Username)
		if err != nil {
			b.Fatal(err)
		}
		e.reps = append(e.reps, rep)
		e.http = append(e.http, anon.Login(u.Username, "tide-demo"))
	}
	// One rep takes thousands of entries: capacity is not what is measured.
	admin := anon.Login("admin", "tide-demo")
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": "1000000", "comment": "benchmark"}, 201, nil)
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions/2/activate", nil, 200, nil)
	if e.pool, err = pgxpool.New(ctx, dbURL); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.pool.Close)
	if _, err := e.pool.Exec(ctx, `CREATE TABLE bench_insert (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		b.Fatal(err)
	}
	return e
}

// body is entry n: a company of its own with a landline and a mobile that
// no other entry has, in shapes people type.
func body(n int64) (name, landline, mobile string) {
	industries := []string{"机械", "电子", "化工", "五金", "纺织", "塑料", "包装", "印刷"}
	return fmt.Sprintf("杭州测速%07d%s有限公司", n, industries[n%int64(len(industries))]),
		fmt.Sprintf("0571-8%07d", n%10_000_000), fmt.Sprintf("139%08d", n%100_000_000)
}

// insertTx is the baseline of an entry: a transaction that inserts one row.
func (e *entryBench) insertTx(n int) error {
	ctx := context.Background()
	tx, err := e.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO bench_insert (name) VALUES ($1)`, fmt.Sprint("row ", n)); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// enterService is an entry through sea.Service, as the API calls it.
func (e *entryBench) enterService(rep, _ int) error {
	name, landline, mobile := body(e.next.Add(1))
	_, err := e.seas.Enter(context.Background(), e.reps[rep], intake.Entry{Kind: "enterprise", Name: name, Region: "杭州",
		Contacts: []intake.EntryContact{{Name: "王经理", Title: "采购", Mobile: mobile}},
		Numbers:  []intake.EntryNumber{{Type: "landline", Value: landline}}})
	return err
}

// enterHTTP is an entry through the API; it returns the new resource's id.
func (e *entryBench) enterHTTP(rep, _ int) (int64, error) {
	n := e.next.Add(1)
	name, landline, mobile := body(n)
	var r struct {
		ID int64 `json:"id"`
	}
	if err := post(e.http[rep], "/api/v1/resources", enterJSON(name, landline, mobile), 201, &r); err != nil {
		return 0, err
	}
	return r.ID, nil
}

// search asks the collision search over HTTP for the name and numbers of
// company n (3 keys) and checks that it hits or misses as expected.
func (e *entryBench) search(n int64, hit bool) error {
	name, landline, mobile := body(n)
	var r struct {
		Hits []struct{} `json:"hits"`
	}
	if err := post(e.http[0], "/api/v1/collisions/search", enterJSON(name, landline, mobile), 200, &r); err != nil {
		return err
	}
	if (len(r.Hits) > 0) != hit {
		return fmt.Errorf("search for company %d found %d hits, want hit=%v", n, len(r.Hits), hit)
	}
	return nil
}

func (e *entryBench) healthz(int) error { return get(e.http[0], "/healthz") }

// sdkStart is the baseline of the entries' throughput: a bare workflow
// start on the same Temporal server, to a queue no worker polls.
func (e *entryBench) sdkStart(int) error {
	_, err := e.stack.App.Temporal.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{
		ID: fmt.Sprintf("bench-start/%d", e.starts.Add(1)), TaskQueue: "bench-unpolled"}, "BenchNothing")
	return err
}

// burst enters b.N companies through the API from 16 clients, spread over
// reps reps, then waits for the outbox to start their workflows and
// reports the lag.
func (e *entryBench) burst(b *testing.B, reps int) {
	var mu sync.Mutex
	ids := make([]int64, 0, b.N)
	throughput(b, 16, func(i int) error {
		id, err := e.enterHTTP(i%reps, i)
		mu.Lock()
		ids = append(ids, id)
		mu.Unlock()
		return err
	})
	answered := time.Now()
	ctx := context.Background()
	for {
		var waiting int
		if err := e.pool.QueryRow(ctx, `SELECT count(*) FROM outbox`).Scan(&waiting); err != nil {
			b.Fatal(err)
		}
		if waiting == 0 {
			break
		}
		if time.Since(answered) > 5*time.Minute {
			b.Fatalf("the outbox still holds %d commands 5 minutes after the burst", waiting)
		}
		time.Sleep(5 * time.Millisecond)
	}
	b.ReportMetric(float64(time.Since(answered).Milliseconds()), "drain_ms")
	lags := e.lags(b, ids)
	b.ReportMetric(latency.Percentile(lags, 0.50)/1e3, "lag_p50_ms")
	b.ReportMetric(latency.Percentile(lags, 0.99)/1e3, "lag_p99_ms")
}

// lags is, for each resource, its workflow's start time in Temporal minus
// the start of the transaction that entered it.
func (e *entryBench) lags(b *testing.B, ids []int64) []time.Duration {
	ctx := context.Background()
	created := map[int64]time.Time{}
	rows, err := e.pool.Query(ctx, `SELECT id, created_at FROM resources WHERE id = ANY($1)`, ids)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			b.Fatal(err)
		}
		created[id] = at
	}
	if rows.Err() != nil || len(created) != len(ids) {
		b.Fatalf("read %d of %d resources: %v", len(created), len(ids), rows.Err())
	}
	lags := make([]time.Duration, len(ids))
	var failed atomic.Value
	parallel(16, len(ids), func(i int) {
		d, err := e.stack.App.Temporal.DescribeWorkflowExecution(ctx, contract.ResourceWorkflowID(ids[i]), "")
		if err != nil {
			failed.Store(err)
			return
		}
		lags[i] = d.GetWorkflowExecutionInfo().GetStartTime().AsTime().Sub(created[ids[i]])
	})
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	slices.Sort(lags)
	return lags
}
