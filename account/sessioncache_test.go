package account_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// counting is the real store, counting the session lookups that reach it.
type counting struct {
	*store.Store
	lookups atomic.Int64
}

func (c *counting) UserBySession(ctx context.Context, token string) (people.User, time.Time, error) {
	c.lookups.Add(1)
	return c.Store.UserBySession(ctx, token)
}

// process is one api process's account service over the shared database:
// its own pool, its own session cache, its own listener.
func process(t *testing.T, url string) (*account.Service, *counting) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	cache := account.NewSessionCache()
	heard := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		st.WatchSessions(ctx, cache.UserChanged, func(on bool) {
			cache.Listening(on)
			if on {
				select {
				case heard <- struct{}{}:
				default:
				}
			}
		})
	}()
	t.Cleanup(func() { cancel(); <-done; st.Close() })
	select {
	case <-heard:
	case <-time.After(10 * time.Second):
		t.Fatal("the session listener did not start")
	}
	c := &counting{Store: st}
	return &account.Service{Store: c, TokenTTL: time.Hour, Sessions: cache}, c
}

// gone waits until svc refuses token, at most a second: the announcement
// of the change travels from the other process through PostgreSQL.
func gone(t *testing.T, svc *account.Service, token, what string) {
	t.Helper()
	for deadline := time.Now().Add(time.Second); ; time.Sleep(time.Millisecond) {
		_, err := svc.Authenticate(context.Background(), token)
		if fault.Is(err, fault.Unauthenticated) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the other process still accepts the token (%v)", what, err)
		}
	}
}

// A verified session is answered from the process's cache, without a
// database round trip; a logout, a logout everywhere, a disabling or a
// password reset in another process ends it in this one as it commits,
// well before the cache's TTL.
func TestSessionCacheAcrossProcesses(t *testing.T) {
	url := dbtest.New(t)
	a, _ := process(t, url)
	b, lookups := process(t, url)
	ctx := context.Background()
	hash, _ := auth.HashPassword("cache-test", bcrypt.MinCost)
	admin, err := a.Store.CreateUser(ctx, people.NewUser{Username: "admin", Name: "Admin", Role: people.RoleAdmin, PasswordHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store.CreateUser(ctx, people.NewUser{Username: "rep1", Name: "Rep", Role: people.RoleRep, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	login := func() string {
		s, err := a.Login(ctx, "rep1", "cache-test", "")
		if err != nil {
			t.Fatal(err)
		}
		return s.Token
	}

	tok := login()
	for range 100 {
		if u, err := b.Authenticate(ctx, tok); err != nil || u.Username != "rep1" {
			t.Fatalf("authenticate: %v, %v", u.Username, err)
		}
	}
	if n := lookups.lookups.Load(); n != 1 {
		t.Fatalf("100 requests with one token reached the database %d times, want once", n)
	}

	if err := a.Logout(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, tok); !fault.Is(err, fault.Unauthenticated) {
		t.Fatalf("the process that logged out still accepts the token: %v", err)
	}
	gone(t, b, tok, "logout")

	tok = login()
	b.Authenticate(ctx, tok)
	if _, err := a.LogoutEverywhere(ctx, mustUser(t, a, "rep1").ID); err != nil {
		t.Fatal(err)
	}
	gone(t, b, tok, "logout everywhere")

	tok = login()
	b.Authenticate(ctx, tok)
	if _, err := a.SetDisabled(ctx, &admin.ID, "rep1", true); err != nil {
		t.Fatal(err)
	}
	gone(t, b, tok, "disable")
	if _, err := a.SetDisabled(ctx, &admin.ID, "rep1", false); err != nil {
		t.Fatal(err)
	}

	tok = login()
	b.Authenticate(ctx, tok)
	if err := a.ResetPassword(ctx, &admin.ID, "rep1", "another-password-1"); err != nil {
		t.Fatal(err)
	}
	gone(t, b, tok, "password reset")
}

func mustUser(t *testing.T, s *account.Service, username string) people.User {
	t.Helper()
	u, err := s.Store.UserNamed(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
