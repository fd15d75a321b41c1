package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// Open applications are limited under the rep's lock: of 12 filings at once
// for 12 companies, with room for 3, exactly 3 are filed — a rep could
// otherwise squat on companies through applications (15 filed at
// capacity 0 before).
func TestOpenApplicationsAreLimitedUnderAnyConcurrency(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	limit := func(_ people.User, open, _ int) error {
		if open >= 3 {
			return fault.New(fault.Conflict, "%d open applications", open)
		}
		return nil
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	filed, refused := 0, 0
	for i := range 12 {
		wg.Go(func() {
			name := fmt.Sprintf("占位%d", i)
			_, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep.ID, ForRepID: rep.ID,
				Kind: "enterprise", Name: name, Region: "苏州", Key: name, OpenLimit: limit,
				Keys: []collision.Key{{Type: collision.KeyCompany, Value: name}}})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				filed++
			case fault.Is(err, fault.Conflict):
				refused++
			default:
				t.Errorf("filing %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if filed != 3 || refused != 9 {
		t.Fatalf("%d filed, %d refused; want 3 and 9", filed, refused)
	}
	if n := count(t, s, "collision_keys WHERE application_id IS NOT NULL"); n != 3 {
		t.Errorf("%d keys reserved, want 3: refused filings must write nothing", n)
	}
}

// A pending application not decided by its review deadline lapses and frees
// its keys; one not yet due, or decided, stays as it is; a filing whose
// workflow start failed leaves nothing; an application that never
// committed is no error.
func TestUndecidedApplicationsLapseAtTheirReviewDeadline(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	sup := user(t, s, "support", people.RoleSupport)
	file := func(name string, due time.Duration) application.Application {
		a, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep.ID, ForRepID: rep.ID,
			Kind: "enterprise", Name: name, Region: "苏州", Key: name,
			Keys:   []collision.Key{{Type: collision.KeyCompany, Value: name}},
			Review: application.Deadline{At: time.Now().Add(due), Rule: "application.review_deadline", Version: "1"}})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	due, later, decided := file("逾期未审", -time.Second), file("尚未到期", time.Hour), file("已经驳回", -time.Second)
	if due.ReviewBy == nil || *due.ReviewRule != "application.review_deadline" {
		t.Fatalf("the filing keeps no review deadline: %+v", due)
	}
	if _, err := s.RejectApplication(ctx, decided.ID, sup.ID, "不符合"); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a retried activity changes nothing more
		for _, a := range []application.Application{due, later, decided} {
			if err := s.LapseUnreviewed(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.LapseUnreviewed(ctx, 99999); err != nil {
		t.Errorf("an application that never committed: %v", err)
	}
	for id, want := range map[int64]string{due.ID: application.Lapsed, later.ID: application.Pending, decided.ID: application.Rejected} {
		if got, _ := s.GetApplication(ctx, id); got.State != want {
			t.Errorf("application %d (%s): %s, want %s", id, got.Name, got.State, want)
		}
	}
	if hits, _ := s.FindHits(ctx, []collision.Key{{Type: collision.KeyCompany, Value: "逾期未审"}}); len(hits) != 0 {
		t.Errorf("the lapsed application still holds its company: %+v", hits)
	}

	_, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep.ID, ForRepID: rep.ID,
		Kind: "enterprise", Name: "启动失败", Region: "苏州", Key: "启动失败",
		Keys: []collision.Key{{Type: collision.KeyCompany, Value: "启动失败"}},
		Filed: func(application.Application) ([]contract.Command, error) {
			return nil, fault.New(fault.Unavailable, "no workflow service")
		}})
	if !fault.Is(err, fault.Unavailable) {
		t.Fatalf("a filing whose deadline could not start: %v", err)
	}
	if n := count(t, s, "applications WHERE name = '启动失败'"); n != 0 {
		t.Errorf("a filing without its review deadline was kept")
	}
}

// Every decision of a rule is listed with its rule and version, wherever it
// took effect: entry.deadline decided an approval's deadline, yet its
// decisions answered nothing.
func TestDeadlineDecisionsAreListed(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	sup := user(t, s, "support", people.RoleSupport)
	a, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep.ID, ForRepID: rep.ID,
		Kind: "enterprise", Name: "决策", Region: "苏州", Key: "决策", Keys: []collision.Key{{Type: collision.KeyCompany, Value: "决策"}},
		Review: application.Deadline{At: time.Now().Add(time.Hour), Rule: "application.review_deadline", Version: "3"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApproveSelfEntry(ctx, a.ID, &sup.ID, application.Deadline{At: time.Now().Add(time.Hour), Rule: "entry.deadline", Version: "2"}, "",
		func(application.Application) ([]contract.Command, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	for rule, version := range map[string]int{"entry.deadline": 2, "application.review_deadline": 3} {
		ds, err := s.RuleDecisions(ctx, rule, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 1 || ds[0].Version != version || ds[0].Subject != fmt.Sprintf("application/%d", a.ID) {
			t.Errorf("%s decisions: %+v, want one of version %d about application %d", rule, ds, version, a.ID)
		}
	}
}
