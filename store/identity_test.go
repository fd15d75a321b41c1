package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

func identity(name string, numbers ...string) resource.Identity {
	in := resource.Identity{Kind: "enterprise", Name: name, Region: "苏州", CompanyKey: name}
	for _, n := range numbers {
		in.Numbers = append(in.Numbers, resource.Number{Type: "landline", Raw: n, Normalized: n, Line: "landline"})
	}
	return in
}

var anyone = func(resource.Resource) error { return nil }

func TestIdentityEditSwapsKeys(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	r, err := s.EnterResource(ctx, entry(a.ID, "旧名", "111"), noop)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.UpdateIdentity(ctx, r.ID, a.ID, identity("新名", "222"), anyone)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "新名" || got.CompanyKey != "新名" {
		t.Fatalf("after edit: %+v", got)
	}
	for key, want := range map[collision.Key]int{
		{Type: collision.KeyCompany, Value: "旧名"}: 0, {Type: collision.KeyNumber, Value: "111"}: 0,
		{Type: collision.KeyCompany, Value: "新名"}: 1, {Type: collision.KeyNumber, Value: "222"}: 1,
		{Type: collision.KeyNumber, Value: "m111"}: 1, // the contact keeps its number
	} {
		hits, err := s.FindHits(ctx, []collision.Key{key})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != want {
			t.Errorf("key %v: %d hits, want %d", key, len(hits), want)
		}
	}
	if n := count(t, s, "audit_log WHERE action <> 'user.create'"); n != 2 {
		t.Errorf("audit rows %d, want 2 (entry, identity edit)", n)
	}
}

func TestIdentityEditIntoACollisionChangesNothing(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a, b := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	ra, err := s.EnterResource(ctx, entry(a.ID, "甲公司", "111"), noop)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := s.EnterResource(ctx, entry(b.ID, "乙公司", "222"), noop)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateIdentity(ctx, rb.ID, b.ID, identity("乙公司", "222", "111"), anyone)
	if hits := store.HitsOf(err); len(hits) != 1 || hits[0].ResourceID != ra.ID {
		t.Fatalf("edit taking a's number: %v", err)
	}
	// Keeping its own keys is no collision with itself.
	if _, err := s.UpdateIdentity(ctx, rb.ID, b.ID, identity("乙公司", "222"), anyone); err != nil {
		t.Fatalf("an edit that keeps the same keys: %v", err)
	}
	got, err := s.GetResource(ctx, rb.ID)
	if err != nil {
		t.Fatal(err)
	}
	own := []string{}
	for _, n := range got.Numbers {
		if n.ContactID == nil {
			own = append(own, n.Normalized)
		}
	}
	if len(got.Numbers) != 2 || len(own) != 1 || own[0] != "222" {
		t.Errorf("numbers after the refused edit: %+v", got.Numbers)
	}
	refuse := func(resource.Resource) error { return fault.New(fault.Forbidden, "not yours") }
	if _, err := s.UpdateIdentity(ctx, rb.ID, a.ID, identity("丙公司", "333"), refuse); !fault.Is(err, fault.Forbidden) {
		t.Errorf("a refused edit: %v", err)
	}
}

// Two resources edited at once to take the same new number: the unique key
// lets one through, the other gets a collision naming the winner.
func TestConcurrentIdentityEditsOfOneNumber(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	var ids []int64
	for _, n := range []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"} {
		r, err := s.EnterResource(ctx, entry(a.ID, n, "own"+n), noop)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	names := []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"}
	var wg sync.WaitGroup
	errs := make([]error, len(ids))
	for i := range ids {
		wg.Go(func() {
			_, errs[i] = s.UpdateIdentity(ctx, ids[i], a.ID, identity(names[i], "own"+names[i], "shared"), anyone)
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case fault.Is(err, fault.Collision), fault.Is(err, fault.Conflict):
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d edits took the shared number, want 1", won)
	}
}

func TestReferralGoesToTheCurrentOwner(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a, b := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	r, err := s.EnterResource(ctx, entry(a.ID, "甲公司", "111"), noop)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := s.CreateReferral(ctx, r.ID, b.ID, "call them", map[string]any{"mobile": "13500000000"})
	if err != nil {
		t.Fatal(err)
	}
	if ref.To.ID != a.ID || ref.From.ID != b.ID || ref.Lead["mobile"] != "13500000000" {
		t.Fatalf("referral %+v", ref)
	}
	if _, err := s.CreateReferral(ctx, r.ID, a.ID, "self", nil); !fault.Is(err, fault.Conflict) {
		t.Errorf("a referral to oneself: %v", err)
	}
	if _, _, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &a.ID, Path: resource.PathRelease, Reason: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateReferral(ctx, r.ID, b.ID, "late", nil); !fault.Is(err, fault.Conflict) {
		t.Errorf("a referral of a public resource: %v", err)
	}
	in, err := s.ReferralsTo(ctx, a.ID)
	if err != nil || len(in) != 1 {
		t.Errorf("a's referrals: %d, %v", len(in), err)
	}
}
