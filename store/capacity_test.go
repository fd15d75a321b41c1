package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// The capacity counter follows every move into and out of a private sea —
// entries (a dual one takes two places), racing picks, releases, an
// expiry, an assignment, the closing of a dual twin and refused moves —
// and equals what HeldCounts reports and what the rows say (checkHeld).
func TestHeldCounterFollowsEveryMove(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2, rep3 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep), user(t, s, "rep3", people.RoleRep)
	sup := user(t, s, "support", people.RoleSupport)
	var mine []resource.Resource
	for i := range 4 {
		r, err := s.EnterResource(ctx, entry(rep1.ID, fmt.Sprintf("计数%d", i), fmt.Sprintf("70%d", i)), noop)
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, r)
	}
	dual := entry(rep2.ID, "双档", "710")
	dual.Dual = true
	d, err := s.EnterResource(ctx, dual, noop)
	if err != nil {
		t.Fatal(err)
	}
	// rep1 releases three; rep2 and rep3 race for each from four goroutines.
	var wg sync.WaitGroup
	for _, r := range mine[:3] {
		if _, _, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &rep1.ID, Path: resource.PathRelease, Reason: "x"}); err != nil {
			t.Fatal(err)
		}
		for g := range 4 {
			rep := []int64{rep2.ID, rep3.ID}[g%2]
			wg.Go(func() {
				_, _ = s.Pick(ctx, store.PickRequest{ID: r.ID, RepID: rep,
					Protect: fixed(time.Now().Add(time.Hour), resource.Change{ActorID: &rep, Path: resource.PathPick})}, noop)
			})
		}
	}
	wg.Wait()
	// The last of rep1's expires; rep3 applies for it and is assigned it.
	last := mine[3]
	if _, _, err := s.ReturnToPublic(ctx, last.ID, last.Epoch, resource.Change{Path: resource.PathExpiry}); err != nil {
		t.Fatal(err)
	}
	app, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep3.ID, ForRepID: rep3.ID,
		ResourceID: &last.ID, Kind: last.Kind, Name: last.Name, Region: last.Region, Key: last.CompanyKey})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Assign(ctx, store.Assignment{ApplicationID: app.ID, ResourceID: last.ID, ActorID: sup.ID, Key: last.CompanyKey,
		Protection: application.Deadline{At: time.Now().Add(time.Hour)}},
		func(application.Application, resource.Resource) ([]contract.Command, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	// The dual record settles as an enterprise: its twin closes.
	if _, _, err := s.ConfirmKind(ctx, d.ID, "enterprise", rep2.ID, func(resource.Resource) error { return nil }, noop); err != nil {
		t.Fatal(err)
	}
	// A pick refused by the capacity rule at its last check changes nothing.
	r, err := s.EnterResource(ctx, entry(rep1.ID, "拒绝", "720"), noop)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &rep1.ID, Path: resource.PathRelease, Reason: "x"}); err != nil {
		t.Fatal(err)
	}
	asked := 0
	_, err = s.Pick(ctx, store.PickRequest{ID: r.ID, RepID: rep2.ID,
		Capacity: func(people.User, int) error {
			if asked++; asked == 2 {
				return fmt.Errorf("full at the last check")
			}
			return nil
		},
		Protect: fixed(time.Now().Add(time.Hour), resource.Change{ActorID: &rep2.ID, Path: resource.PathPick})}, noop)
	if err == nil || asked != 2 {
		t.Fatalf("a pick refused at its last capacity check: %v after %d checks", err, asked)
	}

	held, _, err := s.HeldCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// rep1 kept none; the dual's enterprise record stayed with rep2; the
	// three picks went to rep2 or rep3; rep3 was assigned the fourth.
	if held[rep1.ID] != 0 || held[rep2.ID]+held[rep3.ID] != 5 || held[rep3.ID] < 1 {
		t.Fatalf("held: %v", held)
	}
}
