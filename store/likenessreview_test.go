package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
)

// TestReviewQueueDecidesEachPairOnce: a raised pair waits in the queue,
// strongest first; of two sales-support staff deciding it at once exactly
// one wins; a pair decided "different" is never raised again.
func TestReviewQueueDecidesEachPairOnce(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	b := user(t, s, "rep2", people.RoleRep)
	var ids []int64
	for i, name := range []string{"苏州日东精密电子有限公司", "苏州日冬电子科技有限公司", "苏州科瑞达机械有限公司"} {
		owner := a.ID
		if i > 0 {
			owner = b.ID
		}
		r, err := s.EnterResource(ctx, named(owner, name, string(rune('1'+i))+"11"), noop)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	why := []likeness.Reason{{Code: "same_pinyin", Text: "字号 日冬 / 日东 同音（ri dong）"}}
	if err := s.RaiseLikely(ctx, ids[1], b.ID, "entry", []store.Likely{{ResourceID: ids[0], Score: 65, Reasons: why, Rule: "likeness.score@1"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RaiseLikely(ctx, ids[2], b.ID, "entry", []store.Likely{{ResourceID: ids[0], Score: 90, Rule: "likeness.score@1"}}); err != nil {
		t.Fatal(err)
	}
	open, err := s.Reviews(ctx, store.ReviewFilter{State: likeness.StateOpen})
	if err != nil || len(open) != 2 {
		t.Fatalf("queue %+v %v", open, err)
	}
	if open[0].Score != 90 || open[1].Score != 65 {
		t.Errorf("queue not strongest first: %d, %d", open[0].Score, open[1].Score)
	}
	p := open[1]
	if p.Earlier.ResourceID != ids[0] || p.Later.ResourceID != ids[1] || p.Earlier.Owner == nil || p.Earlier.Owner.ID != a.ID ||
		p.RaisedBy == nil || p.RaisedBy.ID != b.ID || len(p.Reasons) != 1 || p.Reasons[0].Text != why[0].Text || p.Action != "entry" {
		t.Errorf("pair %+v", p)
	}

	support1, support2 := user(t, s, "support1", people.RoleSupport), user(t, s, "support2", people.RoleSupport)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, who := range []int64{support1.ID, support2.ID} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.DecideDifferent(ctx, p.ID, who)
		}()
	}
	wg.Wait()
	exactlyOneWon(t, "deciders", errs)
	if n := count(t, s, "audit_log WHERE action = 'likeness.different'"); n != 1 {
		t.Errorf("%d audit rows of the decision, want 1", n)
	}

	// Raised again, from either side: it stays decided.
	if err := s.RaiseLikely(ctx, ids[0], a.ID, "identity_edit", []store.Likely{{ResourceID: ids[1], Score: 99, Rule: "likeness.score@2"}}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Reviews(ctx, store.ReviewFilter{ResourceID: ids[1]})
	if err != nil || len(all) != 1 || all[0].State != likeness.StateDifferent || all[0].Score != 65 || all[0].DecidedAt == nil {
		t.Errorf("after raising again: %+v %v", all, err)
	}
	// Ids past int4 are ids (the fuzzer's 2147483648 once broke the query).
	if rs, err := s.Reviews(ctx, store.ReviewFilter{ResourceID: 1 << 31}); err != nil || len(rs) != 0 {
		t.Errorf("a large resource id: %v %v", rs, err)
	}
	if err := s.DecideDifferent(ctx, 999999, support1.ID); !fault.Is(err, fault.NotFound) {
		t.Errorf("an unknown pair: %v, want NotFound", err)
	}
}
