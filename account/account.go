// Package account signs users in and out, changes their passwords and keeps
// their personal information (R21). Login answers the same way, after the
// same work, whether the username or the password was wrong; failed
// sign-ins are throttled per username and per address.
package account

import (
	"context"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/phone"
)

// Service implements sign-in and the profile.
type Service struct {
	Store    Store
	TokenTTL time.Duration
	// Sessions, when set, verifies tokens without a database round trip;
	// the process keeps it told of changes (Store.WatchSessions).
	Sessions *SessionCache

	once     sync.Once
	throttle *throttle
}

func (s *Service) throttled() *throttle {
	s.once.Do(func() { s.throttle = newThrottle(PerUser, PerAddress) })
	return s.throttle
}

// ProfileInput is the personal information as typed (R21). Empty strings
// clear a field.
type ProfileInput struct {
	Email, Mobile, TradeManagerID string
	Confirm                       bool
}

// UpdateProfile validates and stores the user's personal information.
func (s *Service) UpdateProfile(ctx context.Context, userID int64, in ProfileInput) (people.User, error) {
	var errs []fault.FieldError
	p := people.Profile{Confirm: in.Confirm}
	if e := strings.TrimSpace(in.Email); e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			errs = append(errs, fault.FieldError{Field: "email", Reason: "not an email address"})
		}
		p.Email = &e
	}
	if m := strings.TrimSpace(in.Mobile); m != "" {
		if _, err := phone.Normalize(m); err != nil {
			errs = append(errs, fault.FieldError{Field: "mobile", Reason: err.Error()})
		}
		p.Mobile = &m
	}
	if t := strings.TrimSpace(in.TradeManagerID); t != "" {
		if len([]rune(t)) > 64 {
			errs = append(errs, fault.FieldError{Field: "trade_manager_id", Reason: "at most 64 characters"})
		}
		p.TradeManagerID = &t
	}
	if in.Confirm && (p.Email == nil || p.Mobile == nil || p.TradeManagerID == nil) {
		errs = append(errs, fault.FieldError{Field: "confirm", Reason: "email, mobile and TradeManager ID must all be filled to confirm"})
	}
	if len(errs) > 0 {
		return people.User{}, fault.Invalidf(errs, "the personal information is not valid")
	}
	defer s.changed(userID)
	return s.Store.UpdateProfile(ctx, userID, p)
}

// ListUsers returns every user.
func (s *Service) ListUsers(ctx context.Context) ([]people.User, error) {
	return s.Store.ListUsers(ctx)
}

// Reps are the reps by name an assistant may choose for a special
// application: those an admin assigned them, or every enabled rep while
// none is assigned. Names only, nothing of their accounts.
func (s *Service) Reps(ctx context.Context, assistant people.User) ([]people.UserRef, error) {
	served, err := s.Store.AssistantReps(ctx, assistant.ID)
	if err != nil || len(served) > 0 {
		return served, err
	}
	us, err := s.Store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	var out []people.UserRef
	for _, u := range us {
		if u.Role == people.RoleRep && u.DisabledAt == nil {
			out = append(out, people.UserRef{ID: u.ID, Name: u.Name})
		}
	}
	return out, nil
}
