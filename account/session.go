package account

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// Session is a successful login.
type Session struct {
	Token     string
	ExpiresAt time.Time
	User      people.User
}

var errBadLogin = fault.New(fault.Unauthenticated, "unknown username or wrong password")

// Login checks the password of username, signing in from addr (the
// client's address, "" when unknown), and opens a session that expires
// after TokenTTL. While the username or the address has failed too often,
// every attempt is refused with TooManyRequests and the time to wait.
func (s *Service) Login(ctx context.Context, username, password, addr string) (Session, error) {
	username = strings.TrimSpace(username)
	if wait := s.throttled().wait(username, addr); wait > 0 {
		return Session{}, tooMany(wait)
	}
	u, err := s.Store.UserByUsername(ctx, username)
	switch {
	case fault.Is(err, fault.NotFound):
		if err := auth.WasteComparison(ctx, password); err != nil {
			return Session{}, busy(err)
		}
		s.throttled().failed(username, addr)
		return Session{}, errBadLogin
	case err != nil:
		return Session{}, err
	}
	ok, err := auth.CheckPassword(ctx, u.PasswordHash, password)
	if err != nil {
		return Session{}, busy(err)
	}
	if !ok {
		s.throttled().failed(username, addr)
		return Session{}, errBadLogin
	}
	tok, err := auth.NewToken()
	if err != nil {
		return Session{}, err
	}
	exp := time.Now().Add(s.TokenTTL).UTC().Truncate(time.Second)
	if err := s.Store.CreateSession(ctx, tok, u.ID, exp); err != nil {
		return Session{}, err
	}
	return Session{Token: tok, ExpiresAt: exp, User: u}, nil
}

// Authenticate returns the user a live token belongs to: from the
// process's session cache when it holds the token, else from the database.
func (s *Service) Authenticate(ctx context.Context, token string) (people.User, error) {
	var gen uint64
	if s.Sessions != nil {
		u, ok, g := s.Sessions.get(token)
		if ok {
			return u, nil
		}
		gen = g
	}
	u, expires, err := s.Store.UserBySession(ctx, token)
	if fault.Is(err, fault.NotFound) {
		return people.User{}, fault.New(fault.Unauthenticated, "the token is unknown or has expired")
	}
	if err == nil && s.Sessions != nil {
		s.Sessions.put(token, u, expires, gen)
	}
	return u, err
}

// Logout ends the session of token. This process forgets it at once; the
// others as the deletion's announcement reaches them.
func (s *Service) Logout(ctx context.Context, token string) error {
	err := s.Store.DeleteSession(ctx, token)
	if s.Sessions != nil {
		s.Sessions.forget(token)
	}
	return err
}

// LogoutEverywhere ends every session of the user, the one of token too,
// and reports how many ended.
func (s *Service) LogoutEverywhere(ctx context.Context, userID int64) (int64, error) {
	defer s.changed(userID)
	return s.Store.DeleteUserSessions(ctx, userID, "")
}

func tooMany(wait time.Duration) error {
	e := fault.New(fault.TooManyRequests, "too many failed sign-ins; try again after %s", wait.Round(time.Second)+time.Second)
	e.RetryAfter = wait
	return e
}

// busy turns a hashing slot that never came into "try again shortly".
func busy(err error) error {
	if errors.Is(err, auth.ErrBusy) {
		e := fault.Wrap(err, fault.TooManyRequests, "too many sign-ins at once; try again shortly")
		e.RetryAfter = time.Second
		return e
	}
	return err
}
