package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// WatchSessions hears of ended sessions and changed users as they commit,
// but not of a move (which updates the rep's capacity counter); a lost
// connection is reported and the watch comes back by itself.
func TestSessionAnnouncements(t *testing.T) {
	s := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed, listening := make(chan int64, 16), make(chan bool, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.WatchSessions(ctx, func(id int64) { changed <- id }, func(on bool) { listening <- on })
	}()
	defer func() { cancel(); <-done }()
	expect := func(what string, want bool) {
		t.Helper()
		select {
		case on := <-listening:
			if on != want {
				t.Fatalf("%s: listening %v, want %v", what, on, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no word from the watch", what)
		}
	}
	heard := func(what string, want int64) {
		t.Helper()
		select {
		case id := <-changed:
			if id != want {
				t.Fatalf("%s: heard of user %d, want %d", what, id, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: not announced", what)
		}
	}
	expect("start", true)
	bg := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	if err := s.CreateSession(bg, "tok", rep.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r, err := s.EnterResource(bg, entry(rep.ID, "通告", "501"), noop)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ReturnToPublic(bg, r.ID, r.Epoch, resource.Change{ActorID: &rep.ID, Path: resource.PathRelease, Reason: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(bg, "tok"); err != nil {
		t.Fatal(err)
	}
	heard("logout (moves before it announce nothing)", rep.ID)
	if _, err := s.SetDisabled(bg, rep.ID, true, nil); err != nil {
		t.Fatal(err)
	}
	heard("disable", rep.ID)

	if _, err := raw[s].Exec(bg, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN%'`); err != nil {
		t.Fatal(err)
	}
	expect("connection killed", false)
	expect("back", true)
	if _, err := s.SetDisabled(bg, rep.ID, false, nil); err != nil {
		t.Fatal(err)
	}
	heard("enable, after the reconnection", rep.ID)
	select {
	case id := <-changed:
		t.Fatalf("an extra announcement, of user %d", id)
	default:
	}
}
