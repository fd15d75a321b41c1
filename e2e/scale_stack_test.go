package e2e

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/outbox"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// scaleStack is the production shape on one box for BenchmarkScale: a
// Temporal server (in the benchmark's process, on SQLite or PostgreSQL),
// one `tide api` and one `tide worker` of the production build, and the
// benchmark's own connections — the services it enters through in bulk
// and a Temporal client for counts and the bare start loop.
type scaleStack struct {
	b       *testing.B
	dbURL   string
	dataDir string
	pg      *devserver.PostgresStore // nil: SQLite in dataDir
	port    int                      // Temporal's frontend, kept across restarts

	temporal    *devserver.Temporal
	api, worker *process
	addr        string // the API's
	probe       string // the worker's metrics and /readyz

	st   *store.Store
	pool *pgxpool.Pool // tide's database, for the benchmark's own counts
	tc   client.Client
	rs   *ruleset.Set
	seas *sea.Service
}

func newScaleStack(b *testing.B, onPostgres bool) *scaleStack {
	s := &scaleStack{b: b, dbURL: dbtest.New(b), dataDir: b.TempDir(), addr: freeAddr(b), probe: freeAddr(b)}
	if onPostgres {
		pg, err := devserver.PostgresStoreFrom(s.dbURL)
		if err != nil {
			b.Fatal(err)
		}
		u, _ := url.Parse(s.dbURL)
		name := strings.TrimPrefix(u.Path, "/")
		pg.Database, pg.VisibilityDatabase = name+"_temporal", name+"_temporal_visibility"
		b.Cleanup(func() { dropDatabases(b, dbtest.AdminURL(), pg.Database, pg.VisibilityDatabase) })
		s.pg = pg
	}
	seedUsers(b, s.dbURL)
	b.Cleanup(func() { // after the processes' own cleanups
		if s.temporal != nil {
			_ = s.temporal.Stop()
		}
	})
	s.start()
	ctx := context.Background()
	var err error
	if s.st, err = store.Open(ctx, s.dbURL, store.WithPoolSize(4)); err != nil { // small: PostgreSQL's 100 connections are shared
		b.Fatal(err)
	}
	b.Cleanup(s.st.Close)
	if s.pool, err = pgxpool.New(ctx, s.dbURL+"&pool_max_conns=2"); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.pool.Close)
	if s.tc, err = client.Dial(client.Options{HostPort: s.temporal.Address, Namespace: "default"}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.tc.Close)
	if s.rs, err = ruleset.Open(ctx, s.st); err != nil {
		b.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	b.Cleanup(stop)
	go s.rs.Run(runCtx)
	protector := &sea.TemporalProtector{Client: s.tc}
	protector.Outbox = outbox.New(s.st, protector)
	// No Deliverer: the benchmark only commits; the dispatchers of the api
	// and worker processes send its commands to Temporal, as they would a
	// third API process's.
	s.seas = &sea.Service{Store: s.st, Protector: protector, Rules: s.rs}
	return s
}

// start starts Temporal, then the api and the worker, and waits until
// both answer /readyz with 200.
func (s *scaleStack) start() {
	var err error
	s.temporal, err = devserver.StartTemporal(devserver.TemporalOptions{DataDir: s.dataDir, Namespace: "default",
		Postgres: s.pg, Port: s.port, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		s.b.Fatal(err)
	}
	s.port, _ = strconv.Atoi(portOf(s.temporal.Address))
	env := []string{"TIDE_DATABASE_URL=" + s.dbURL, "TIDE_TEMPORAL_ADDRESS=" + s.temporal.Address,
		"TIDE_METRICS_ADDR=off", "TIDE_LOG_LEVEL=warn"}
	s.api = runProd(s.b, append(env, "TIDE_ADDR="+s.addr), "api")
	s.worker = runProd(s.b, append(env, "TIDE_METRICS_ADDR="+s.probe), "worker")
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(50 * time.Millisecond) {
		api, _ := readyz("http://" + s.addr)
		worker, _ := readyz("http://" + s.probe)
		if api == 200 && worker == 200 {
			return
		}
		if time.Now().After(deadline) {
			s.b.Fatalf("/readyz not 200 within 5 minutes; api:\n%s\nworker:\n%s", s.api.stderr, s.worker.stderr)
		}
	}
}

// stop ends the api and the worker (SIGINT, as an orchestrator stops them)
// and then the Temporal server.
func (s *scaleStack) stop() {
	for _, p := range []*process{s.api, s.worker} {
		_ = p.cmd.Process.Signal(os.Interrupt)
		_ = p.cmd.Wait()
	}
	if err := s.temporal.Stop(); err != nil {
		s.b.Logf("stop temporal: %v", err)
	}
	s.temporal = nil
}

// waitOutbox waits until every command the entries recorded has been sent.
func (s *scaleStack) waitOutbox(within time.Duration) {
	for deadline := time.Now().Add(within); ; time.Sleep(200 * time.Millisecond) {
		waiting, _, err := s.st.OutboxLag(context.Background())
		if err != nil {
			s.b.Fatal(err)
		}
		if waiting == 0 {
			return
		}
		if time.Now().After(deadline) {
			s.b.Fatalf("%d commands still in the outbox after %s", waiting, within)
		}
	}
}

// openProtections counts the running resource workflows in Temporal's
// visibility store, waiting up to a minute for it to reach want.
func (s *scaleStack) openProtections(want int64) int64 {
	var n int64
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Second) {
		resp, err := s.tc.CountWorkflow(context.Background(), &workflowservice.CountWorkflowExecutionsRequest{
			Namespace: "default",
			Query:     "WorkflowType = '" + contract.WorkflowResource + "' AND ExecutionStatus = 'Running'"})
		if err != nil {
			s.b.Fatal(err)
		}
		if n = resp.GetCount(); n == want {
			break
		}
	}
	return n
}

// analyzeEvery runs ANALYZE on tide's database every interval until the
// benchmark ends, as autovacuum would: the machines these benchmarks run on
// have autovacuum off, and a table that grows from empty without
// statistics keeps the plans made while it was empty (ANALYZE invalidates
// them; the collision search's generic plan scanned collision_keys whole).
// Temporal's databases are left alone: its queries are key lookups.
func (s *scaleStack) analyzeEvery(interval time.Duration) {
	ctx, stop := context.WithCancel(context.Background())
	s.b.Cleanup(stop)
	go func() {
		for tick := time.NewTicker(interval); ; {
			select {
			case <-ctx.Done():
				tick.Stop()
				return
			case <-tick.C:
				_, _ = s.pool.Exec(ctx, "ANALYZE")
			}
		}
	}()
}

// waitBacklog waits until tide's workflow task queue has no backlog: every
// started workflow has run its first task (its timers set). A start is
// only a row in Temporal until then.
func (s *scaleStack) waitBacklog(within time.Duration) {
	for deadline := time.Now().Add(within); ; time.Sleep(time.Second) {
		resp, err := s.tc.WorkflowService().DescribeTaskQueue(context.Background(), &workflowservice.DescribeTaskQueueRequest{
			Namespace: "default", TaskQueue: &taskqueuepb.TaskQueue{Name: contract.TaskQueue, Kind: enumspb.TASK_QUEUE_KIND_NORMAL},
			TaskQueueType: enumspb.TASK_QUEUE_TYPE_WORKFLOW, ReportStats: true})
		var unavailable *serviceerror.Unavailable
		if err != nil && !errors.As(err, &unavailable) { // unavailable: matching is (re)starting
			s.b.Fatal(err)
		}
		backlog := resp.GetStats().GetApproximateBacklogCount()
		if err == nil && backlog == 0 {
			return
		}
		if time.Now().After(deadline) {
			s.b.Fatalf("%d workflow tasks still waiting after %s", backlog, within)
		}
	}
}

// temporalMB is the size of Temporal's state: the SQLite file (and its
// write-ahead log) or the two PostgreSQL databases.
func (s *scaleStack) temporalMB() float64 {
	if s.pg == nil {
		var size int64
		files, _ := filepath.Glob(filepath.Join(s.dataDir, "temporal.db*"))
		for _, f := range files {
			if fi, err := os.Stat(f); err == nil {
				size += fi.Size()
			}
		}
		return float64(size) / 1e6
	}
	return s.databaseMB(s.pg.Database, s.pg.VisibilityDatabase)
}

// databaseMB is the size of PostgreSQL databases together.
func (s *scaleStack) databaseMB(names ...string) float64 {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbtest.AdminURL())
	if err != nil {
		s.b.Fatal(err)
	}
	defer conn.Close(ctx)
	var size int64
	if err := conn.QueryRow(ctx, `SELECT sum(pg_database_size(d))::bigint FROM unnest($1::text[]) d`, names).Scan(&size); err != nil {
		s.b.Fatal(err)
	}
	return float64(size) / 1e6
}
