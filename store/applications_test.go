package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// An entry made in time wins over the lapse that runs after the deadline:
// the lapse leaves an entered application alone, and lapses an approved one
// once.
func TestLapseLosesToAnEntryInTime(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	sup := user(t, s, "support", people.RoleSupport)
	file := func(name, number string) application.Application {
		a, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep.ID, ForRepID: rep.ID,
			Kind: "enterprise", Name: name, Region: "苏州", Key: name,
			Keys: []collision.Key{{Type: collision.KeyCompany, Value: name}, {Type: collision.KeyNumber, Value: number}}})
		if err != nil {
			t.Fatal(err)
		}
		a, err = s.ApproveSelfEntry(ctx, a.ID, &sup.ID, application.Deadline{At: time.Now().Add(300 * time.Millisecond), Rule: "entry.deadline", Version: "1"}, "",
			func(application.Application) ([]contract.Command, error) { return nil, nil })
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	entered, idle := file("按时", "111"), file("逾期", "222")
	nr := entry(rep.ID, "按时", "111")
	nr.ApplicationID = entered.ID
	if _, err := s.EnterResource(ctx, nr, noop); err != nil {
		t.Fatalf("entry in time: %v", err)
	}
	time.Sleep(400 * time.Millisecond)
	for range 2 { // a retried activity changes nothing more
		for _, a := range []application.Application{entered, idle} {
			if err := s.LapseApplication(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	for a, want := range map[int64]string{entered.ID: application.Entered, idle.ID: application.Lapsed} {
		got, err := s.GetApplication(ctx, a)
		if err != nil || got.State != want {
			t.Errorf("application %d: %s (%v), want %s", a, got.State, err, want)
		}
	}
	if hits, _ := s.FindHits(ctx, []collision.Key{{Type: collision.KeyNumber, Value: "222"}}); len(hits) != 0 {
		t.Errorf("the lapsed application still reserves its number: %+v", hits)
	}
	if n := count(t, s, "notifications WHERE dedup LIKE 'lapsed:%'"); n != 2 {
		t.Errorf("%d lapse notifications, want 2 (the rep and support, once)", n)
	}
	if n := count(t, s, "notifications WHERE dedup LIKE 'approved:%'"); n != 2 {
		t.Errorf("%d approval notifications, want 2 (the rep, once per application)", n)
	}
}

// R11: while the search cannot answer (here a lock held on the keys table),
// the application is filed anyway, marked unprotected, reserving nothing;
// a later collision on it wins, and its entry is refused with the hits.
func TestApplicationFiledWithoutItsSearchIsUnprotected(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	sup := user(t, s, "support", people.RoleSupport)
	unblock := blockSearch(t, s)
	a, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep1.ID, ForRepID: rep1.ID,
		Kind: "enterprise", Name: "无搜", Region: "苏州", Key: "无搜",
		Keys: []collision.Key{{Type: collision.KeyCompany, Value: "无搜"}, {Type: collision.KeyNumber, Value: "333"}}})
	if err != nil {
		t.Fatalf("filing while the search is blocked: %v", err)
	}
	if err := s.ResearchApplication(ctx, a.ID); !errors.Is(err, store.ErrSearchUnanswered) {
		t.Fatalf("searching again while still blocked: %v", err)
	}
	unblock()
	if !a.Unprotected || !strings.Contains(string(a.Search), `"ran": false`) {
		t.Fatalf("application %+v, search %s: want unprotected, not ran", a, a.Search)
	}
	if hits, _ := s.FindHits(ctx, []collision.Key{{Type: collision.KeyNumber, Value: "333"}}); len(hits) != 0 {
		t.Fatalf("an unprotected application reserves keys: %+v", hits)
	}
	// Another rep enters the same company meanwhile: nothing stops them,
	// and the search that runs later finds them and protects nothing.
	if _, err := s.EnterResource(ctx, entry(rep2.ID, "无搜", "333"), noop); err != nil {
		t.Fatalf("entry over an unprotected application: %v", err)
	}
	if err := s.ResearchApplication(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetApplication(ctx, a.ID); !got.Unprotected || !strings.Contains(string(got.Search), "stays unprotected") {
		t.Fatalf("after a later collision: unprotected %v, search %s", got.Unprotected, got.Search)
	}
	if _, err := s.ApproveSelfEntry(ctx, a.ID, &sup.ID, application.Deadline{At: time.Now().Add(time.Hour), Rule: "entry.deadline", Version: "1"}, "",
		func(application.Application) ([]contract.Command, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	nr := entry(rep1.ID, "无搜", "333")
	nr.ApplicationID = a.ID
	_, err = s.EnterResource(ctx, nr, noop)
	if hits := store.HitsOf(err); len(hits) == 0 || hits[0].Owner == nil || hits[0].Owner.ID != rep2.ID {
		t.Fatalf("the unprotected application's entry: %v, want a collision naming rep2", err)
	}
}

// An unprotected application whose later search finds nothing reserves its
// keys from then on, as if the search had run at filing; a second run
// changes nothing.
func TestLaterSearchProtectsAnApplication(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	unblock := blockSearch(t, s)
	a, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep1.ID, ForRepID: rep1.ID,
		Kind: "enterprise", Name: "后搜", Region: "苏州", Key: "后搜",
		Keys: []collision.Key{{Type: collision.KeyCompany, Value: "后搜"}, {Type: collision.KeyNumber, Value: "334"}}})
	unblock()
	if err != nil || !a.Unprotected {
		t.Fatalf("filing: %+v %v", a, err)
	}
	for range 2 {
		if err := s.ResearchApplication(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := s.GetApplication(ctx, a.ID)
	if got.Unprotected || !strings.Contains(string(got.Search), `"after_filing": true`) {
		t.Fatalf("after the later search: unprotected %v, search %s", got.Unprotected, got.Search)
	}
	_, err = s.EnterResource(ctx, entry(rep2.ID, "后搜", "335"), noop)
	if hits := store.HitsOf(err); len(hits) != 1 || hits[0].ApplicationID != a.ID {
		t.Fatalf("an entry of the company after the later search: %v", err)
	}
	es, _ := s.ApplicationEvents(ctx, a.ID)
	if len(es) != 2 || es[1].Event != "searched" {
		t.Fatalf("steps %+v, want filed and one searched", es)
	}
}

// blockSearch makes the collision search unable to answer, as a server
// under a long lock would, until the returned func is called: a second
// connection holds an ACCESS EXCLUSIVE lock on collision_keys.
func blockSearch(t *testing.T, s *store.Store) (unblock func()) {
	t.Helper()
	ctx := context.Background()
	s.SearchTimeout = 100 * time.Millisecond
	blocker, err := raw[s].Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := blocker.Exec(ctx, "LOCK TABLE collision_keys IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := blocker.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
