package sea_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// statements counts the round trips to PostgreSQL (BEGIN and COMMIT
// included): a statement sent alone is one, and so is a batch of them.
// TIDE_TRACE_SQL=1 prints them.
type statements struct{ n atomic.Int64 }

func (s *statements) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if os.Getenv("TIDE_TRACE_SQL") != "" {
		fmt.Println(strings.Join(strings.Fields(d.SQL), " ")[:min(90, len(strings.Join(strings.Fields(d.SQL), " ")))])
	}
	s.n.Add(1)
	return ctx
}
func (s *statements) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// A batch is one round trip, whatever it holds.
func (s *statements) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	if os.Getenv("TIDE_TRACE_SQL") != "" {
		fmt.Printf("batch of %d\n", d.Batch.Len())
	}
	s.n.Add(1)
	return ctx
}
func (s *statements) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	if os.Getenv("TIDE_TRACE_SQL") != "" {
		sql := strings.Join(strings.Fields(d.SQL), " ")
		fmt.Println("  " + sql[:min(88, len(sql))])
	}
}
func (s *statements) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// protections stands in for Temporal in this count: a release does what
// the workflow's activity does, through the real activity, so the count
// covers the whole move. The epochs are those the moves answered; the
// workflow starts themselves wait in the outbox, written in the move's own
// transaction (one statement, counted).
type protections struct {
	sea.Protector
	epochs map[int64]int
	acts   *activities.Activities
}

func (p *protections) Release(ctx context.Context, id int64, req contract.ReleaseRequest) error {
	return p.acts.Release(ctx, contract.ReleaseParams{ResourceID: id, Epoch: p.epochs[id], ActorID: req.ActorID, Reason: req.Reason})
}

// The database round trips of an entry, a pick and a release, through the
// service as the API calls it — the answer included, since a service now
// returns the resource whole, and the release including its activity's
// transaction. Before one trip per fact: 17, 17 and 19 per request; the
// figures are in docs/BENCHMARKS.md, and the bounds keep them from growing
// back. Their workflow starts are written to the outbox in their
// transaction; an entry sends its statements in three batches, the first
// with its BEGIN, and a pick ends with one (history, outbox, counter).
func TestRoundTripsOfTheMoves(t *testing.T) {
	ctx := context.Background()
	var count statements
	st, err := store.Open(ctx, dbtest.New(t), store.WithTracer(&count))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	rules, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	rep1, err := st.CreateUser(ctx, people.NewUser{Username: "rep1", Name: "Rep One", Role: people.RoleRep, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	rep2, err := st.CreateUser(ctx, people.NewUser{Username: "rep2", Name: "Rep Two", Role: people.RoleRep, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	prot := &protections{epochs: map[int64]int{}, acts: &activities.Activities{Store: st}}
	svc := &sea.Service{Store: st, Rules: rules, Protector: prot}
	measure := func(what string, max int64, move func() error) {
		t.Helper()
		count.n.Store(0)
		if err := move(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		n := count.n.Load()
		t.Logf("%s: %d round trips", what, n)
		if n > max {
			t.Errorf("%s took %d round trips, at most %d expected", what, n, max)
		}
	}
	var id int64
	measure("entry", 4, func() error {
		r, err := svc.Enter(ctx, rep1, intake.Entry{Kind: intake.KindEnterprise, Name: "苏州往返精密电子有限公司", Region: "苏州",
			Contacts: []intake.EntryContact{{Name: "王经理", Mobile: "138 0013 8000"}},
			Numbers:  []intake.EntryNumber{{Type: "landline", Value: "0512-65881234"}}})
		id, prot.epochs[r.ID] = r.ID, r.Epoch
		return err
	})
	measure("release", 8, func() error { _, err := svc.Release(ctx, rep1, id, "客户没有预算"); return err })
	measure("pick", 9, func() error { _, err := svc.Pick(ctx, rep2, id); return err })
	// An entry that meets a possible duplicate reads it in one more round
	// trip, and raises the pair with its rows.
	measure("entry meeting a possible duplicate", 5, func() error {
		_, err := svc.Enter(ctx, rep1, intake.Entry{Kind: intake.KindEnterprise, Name: "苏州往返电子科技有限公司", Region: "苏州",
			Contacts: []intake.EntryContact{{Name: "王经理", Mobile: "138 0013 8001"}},
			Numbers:  []intake.EntryNumber{{Type: "landline", Value: "0512-65881235"}}})
		return err
	})
	if pairs, err := st.Reviews(ctx, store.ReviewFilter{}); err != nil || len(pairs) != 1 || pairs[0].Earlier.ResourceID != id {
		t.Errorf("pairs raised %+v (%v); want the one with %d", pairs, err, id)
	}
}
