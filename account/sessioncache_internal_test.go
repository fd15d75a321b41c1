package account

import (
	"testing"
	"time"

	"github.com/tide-crm/tide/people"
)

// The cache trusts nothing while not listening, keeps an answer for at most
// the TTL or the session's expiry, and refuses an answer looked up before a
// drop that came in meanwhile (it may predate the change it announced).
func TestSessionCacheRules(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	c := NewSessionCache()
	c.now = func() time.Time { return now }
	u := people.User{ID: 7, Username: "rep1"}
	hit := func(tok string) bool { _, ok, _ := c.get(tok); return ok }

	_, _, gen := c.get("a")
	c.put("a", u, now.Add(time.Hour), gen)
	if hit("a") {
		t.Fatal("kept an answer while not listening")
	}
	c.Listening(true)
	_, _, gen = c.get("a")
	c.put("a", u, now.Add(time.Hour), gen)
	if !hit("a") {
		t.Fatal("did not keep an answer while listening")
	}
	now = now.Add(SessionCacheTTL)
	if hit("a") {
		t.Fatal("trusted an answer past the TTL")
	}
	_, _, gen = c.get("b")
	c.put("b", u, now.Add(time.Second), gen)
	now = now.Add(time.Second)
	if hit("b") {
		t.Fatal("trusted a session past its expiry")
	}

	_, _, gen = c.get("c") // a lookup starts …
	c.UserChanged(99)      // … a drop comes in (any user) …
	c.put("c", u, now.Add(time.Hour), gen)
	if hit("c") {
		t.Fatal("kept an answer that raced a drop")
	}
	_, _, gen = c.get("c")
	c.put("c", u, now.Add(time.Hour), gen)
	c.UserChanged(7)
	if hit("c") {
		t.Fatal("a user's change left the user's session cached")
	}
	_, _, gen = c.get("d")
	c.put("d", u, now.Add(time.Hour), gen)
	c.Listening(false)
	c.Listening(true)
	if hit("d") {
		t.Fatal("an answer survived a gap in the announcements")
	}
}
