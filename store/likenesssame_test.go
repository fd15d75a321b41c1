package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

func sameCompany(pair, actor int64) store.SameCompany {
	return store.SameCompany{PairID: pair, ActorID: actor,
		Protect: func(people.User, resource.Resource) (time.Time, resource.Change, error) {
			return time.Now().Add(24 * time.Hour), resource.Change{Rule: "protection.until", RuleVersion: "1"}, nil
		}}
}

// raisedPair enters two resources for two owners (or the first into the
// public sea) and raises them as a pair.
func raisedPair(t *testing.T, s *store.Store, first, second people.User, firstPublic bool) (earlier, later int64, pair int64) {
	t.Helper()
	ctx := context.Background()
	nr := named(first.ID, "苏州日东精密电子有限公司", "111")
	if firstPublic {
		nr.CreatedBy = first.ID
		ids, errs, err := s.EnterPublicRows(ctx, []store.NewResource{nr})
		if err != nil || errs[0] != nil {
			t.Fatal(err, errs)
		}
		var id int64
		if err := raw[s].QueryRow(ctx, `SELECT id FROM resources WHERE company_key = $1`, nr.CompanyKey).Scan(&id); err != nil || id != ids[0] {
			t.Fatal(err, id, ids)
		}
		earlier = id
	} else {
		r, err := s.EnterResource(ctx, nr, noop)
		if err != nil {
			t.Fatal(err)
		}
		earlier = r.ID
	}
	r, err := s.EnterResource(ctx, named(second.ID, "苏州日冬电子科技有限公司", "222"), noop)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RaiseLikely(ctx, r.ID, second.ID, "entry", []store.Likely{{ResourceID: earlier, Score: 65, Rule: "likeness.score@1"}}); err != nil {
		t.Fatal(err)
	}
	rs, err := s.Reviews(ctx, store.ReviewFilter{ResourceID: r.ID})
	if err != nil || len(rs) != 1 {
		t.Fatalf("raised %+v %v", rs, err)
	}
	return earlier, r.ID, rs[0].ID
}

// TestSameCompanyHandsTheLaterToTheFirstOwner: 谁先录入，由谁跟进 — the later
// resource moves to the earlier's owner in a new epoch, on the path
// 'duplicate', and both audits tell it; the counters follow (checked at
// the end of every store test).
func TestSameCompanyHandsTheLaterToTheFirstOwner(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	support := user(t, s, "support1", people.RoleSupport)
	_, later, pair := raisedPair(t, s, rep1, rep2, false)

	var cmds int
	d := sameCompany(pair, support.ID)
	d.Within = func(r resource.Resource) ([]contract.Command, error) { cmds++; return nil, nil }
	r, err := s.DecideSame(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != later || r.Sea != resource.SeaPrivate || r.Owner == nil || r.Owner.ID != rep1.ID || r.Epoch != 2 || cmds != 1 {
		t.Fatalf("later after the decision: %+v (within called %d times)", r, cmds)
	}
	h, err := s.History(ctx, later)
	if err != nil || len(h) != 2 || h[1].Path != resource.PathDuplicate || h[1].From == nil || h[1].From.ID != rep2.ID {
		t.Errorf("history %+v %v", h, err)
	}
	if n := count(t, s, "audit_log WHERE action = 'resource.duplicate'"); n != 2 {
		t.Errorf("%d audit rows, want one per resource", n)
	}
	rv, err := s.Review(ctx, pair)
	if err != nil || rv.State != likeness.StateSame || rv.DecidedBy == nil || rv.Outcome["moved"] != true {
		t.Errorf("pair %+v %v", rv, err)
	}
	if err := s.DecideDifferent(ctx, pair, support.ID); !fault.Is(err, fault.Conflict) {
		t.Errorf("deciding again: %v, want Conflict", err)
	}
}

// TestSameCompanyOfAPublicEarlierGoesPublic: the earlier resource is in
// the public sea, so nobody follows the company up yet; the later goes
// there too, rather than let a re-entry under another name get round
// pick.allowed.
func TestSameCompanyOfAPublicEarlierGoesPublic(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	support := user(t, s, "support1", people.RoleSupport)
	rep2 := user(t, s, "rep2", people.RoleRep)
	_, later, pair := raisedPair(t, s, support, rep2, true)
	r, err := s.DecideSame(ctx, sameCompany(pair, support.ID))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != later || r.Sea != resource.SeaPublic || r.Owner != nil || r.ProtectedUntil != nil {
		t.Fatalf("later after the decision: %+v", r)
	}
}

// TestPairDecidedOnceUnderConcurrency: one support decides "same" while
// another decides "different": exactly one wins.
func TestPairDecidedOnceUnderConcurrency(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	a, b := user(t, s, "support1", people.RoleSupport), user(t, s, "support2", people.RoleSupport)
	_, _, pair := raisedPair(t, s, rep1, rep2, false)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _, errs[0] = s.DecideSame(ctx, sameCompany(pair, a.ID)) }()
	go func() { defer wg.Done(); errs[1] = s.DecideDifferent(ctx, pair, b.ID) }()
	wg.Wait()
	exactlyOneWon(t, "deciders", errs)
}
