package sea_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/internal/latency"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// BenchmarkEnter measures an entry through the service, as the API calls
// it, against its baseline in the same run: a transaction inserting one row
// into the same database. No Temporal runs: the workflow start is the
// outbox row the entry writes in its transaction, which is all an entry's
// answer waits for. The per-statement times (-test.v prints them) show
// where an entry's time goes; a batch is not traced statement by statement.
//
//	go test ./sea -run '^$' -bench '^BenchmarkEnter$' -benchtime 2000x -count 5
func BenchmarkEnter(b *testing.B) {
	ctx := context.Background()
	dbURL := dbtest.New(b)
	timer := &statementTimes{}
	st, err := store.Open(ctx, dbURL, store.WithTracer(timer))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(st.Close)
	rules, err := ruleset.Open(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	rep, err := st.CreateUser(ctx, people.NewUser{Username: "rep1", Name: "Rep One", Role: people.RoleRep, PasswordHash: "x"})
	if err != nil {
		b.Fatal(err)
	}
	admin, err := st.CreateUser(ctx, people.NewUser{Username: "admin", Name: "Admin", Role: people.RoleAdmin, PasswordHash: "x"})
	if err != nil {
		b.Fatal(err)
	}
	// Thousands of entries by one rep: capacity is not what is measured.
	v, err := rules.CreateVersion(ctx, admin, "capacity.limit", "1000000", "benchmark", nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := rules.Activate(ctx, admin, "capacity.limit", v.Version); err != nil {
		b.Fatal(err)
	}
	svc := &sea.Service{Store: st, Rules: rules}
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	if _, err := pool.Exec(ctx, `CREATE TABLE bench_insert (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(ctx, floorFunction); err != nil {
		b.Fatal(err)
	}
	var n int
	// oneStatement is a transaction of one statement: BEGIN, it, COMMIT.
	oneStatement := func(sql string, args ...any) error {
		tx, err := pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, sql, args...); err != nil {
			return err
		}
		return tx.Commit(ctx)
	}
	b.Run("insert_tx", func(b *testing.B) {
		latency.Measure(b, 20, func(int) error {
			n++
			return oneStatement(`INSERT INTO bench_insert (name) VALUES ($1)`, fmt.Sprint("row ", n))
		})
	})
	b.Run("entry_writes_one_call", func(b *testing.B) {
		latency.Measure(b, 20, func(int) error {
			n++
			return oneStatement(`SELECT bench_entry_writes($1, $2, $3, $4)`, rep.ID,
				fmt.Sprintf("杭州测速%07d机械有限公司", n), fmt.Sprintf("+86571%08d", n), fmt.Sprintf("+86139%08d", n))
		})
	})
	b.Run("enter", func(b *testing.B) {
		timer.reset()
		latency.Measure(b, 20, func(int) error {
			n++
			_, err := svc.Enter(ctx, rep, intake.Entry{Kind: intake.KindEnterprise, Region: "杭州",
				Name:     fmt.Sprintf("杭州测速%07d机械有限公司", n),
				Contacts: []intake.EntryContact{{Name: "王经理", Title: "采购", Mobile: fmt.Sprintf("139%08d", n)}},
				Numbers:  []intake.EntryNumber{{Type: "landline", Value: fmt.Sprintf("0571-8%07d", n)}}})
			return err
		})
		timer.print(b)
	})
}

// statementTimes sums the time of each statement text.
type statementTimes struct {
	mu    sync.Mutex
	start map[*pgx.Conn]time.Time
	sql   map[*pgx.Conn]string
	total map[string]time.Duration
	count map[string]int
}

func (s *statementTimes) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.start, s.sql, s.total, s.count = map[*pgx.Conn]time.Time{}, map[*pgx.Conn]string{}, map[string]time.Duration{}, map[string]int{}
}

func (s *statementTimes) TraceQueryStart(ctx context.Context, c *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.start != nil {
		s.start[c], s.sql[c] = time.Now(), d.SQL
	}
	return ctx
}

func (s *statementTimes) TraceQueryEnd(_ context.Context, c *pgx.Conn, _ pgx.TraceQueryEndData) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.start == nil {
		return
	}
	if t0, ok := s.start[c]; ok {
		s.total[s.sql[c]] += time.Since(t0)
		s.count[s.sql[c]]++
	}
}

func (s *statementTimes) print(b *testing.B) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for q, d := range s.total {
		b.Logf("%8.1f µs ×%5d  %.90s", float64(d.Microseconds())/float64(s.count[q]), s.count[q], q)
	}
}

// floorFunction does, in one call, what an entry's transaction writes and
// reads — the capacity peek, the search, the resource, a contact, two
// numbers, three keys, the read back, history and audit, the outbox row and
// the counter — with plans PL/pgSQL caches: the server's share of an entry,
// without the round trips between its statements.
const floorFunction = `CREATE FUNCTION bench_entry_writes(rep bigint, nm text, landline text, mobile text) RETURNS void
LANGUAGE plpgsql AS $f$
DECLARE rid bigint; cid bigint; held int; hits int;
BEGIN
  SELECT u.held INTO held FROM users u WHERE id = rep;
  SELECT count(*) INTO hits FROM collision_keys ck
    JOIN unnest(ARRAY['company', 'number', 'number'], ARRAY[nm, landline, mobile]) AS k(key_type, key) USING (key_type, key)
    LEFT JOIN resources r ON r.id = ck.resource_id LEFT JOIN users o ON o.id = r.owner_id;
  INSERT INTO resources (kind, name, region, company_key, name_region, trade_name, industry, org_form, sea, owner_id,
      protected_until, created_by)
    VALUES ('enterprise', nm, '杭州', nm, '杭州', nm, '机械', '有限公司', 'private', rep, now() + interval '1 year', rep)
    RETURNING id INTO rid;
  INSERT INTO contacts (resource_id, name, title) VALUES (rid, '王经理', '采购') RETURNING id INTO cid;
  INSERT INTO resource_numbers (resource_id, contact_id, type, raw, normalized, line)
    VALUES (rid, NULL, 'landline', landline, landline, 'other'), (rid, cid, 'mobile', mobile, mobile, 'other');
  INSERT INTO collision_keys (key_type, key, resource_id) VALUES ('company', nm, rid), ('number', landline, rid), ('number', mobile, rid);
  PERFORM r.*, (SELECT count(*) FROM resource_numbers WHERE resource_id = rid), (SELECT count(*) FROM contacts WHERE resource_id = rid)
    FROM resources r WHERE r.id = rid;
  WITH h AS (INSERT INTO ownership_history (resource_id, epoch, actor_id, to_owner, path) VALUES (rid, 1, rep, rep, 'entry'))
    INSERT INTO audit_log (actor_id, action, subject, detail) VALUES (rep, 'resource.enter', 'resource/' || rid, '{}');
  INSERT INTO outbox (kind, workflow_type, workflow_id, epoch, input) VALUES ('start', 'Resource', 'resource/' || rid, 1, '{}');
  UPDATE users SET held = users.held + 1 WHERE id = rep;
END $f$`
