package account

import (
	"context"

	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// ChangePassword replaces the user's own password after checking the
// current one (throttled like a sign-in: a stolen token must not become a
// way to guess it) and the policy. Every other session of the user ends;
// the one of token stays.
func (s *Service) ChangePassword(ctx context.Context, u people.User, token, current, next string) error {
	var errs []fault.FieldError
	if current == "" {
		errs = append(errs, fault.FieldError{Field: "current_password", Reason: "required"})
	}
	if err := auth.Policy(u.Username, next); err != nil {
		errs = append(errs, fault.FieldError{Field: "new_password", Reason: err.Error()})
	}
	if errs != nil {
		return fault.Invalidf(errs, "the new password is not accepted")
	}
	if wait := s.throttled().wait(u.Username, ""); wait > 0 {
		return tooMany(wait)
	}
	ok, err := auth.CheckPassword(ctx, u.PasswordHash, current)
	if err != nil {
		return busy(err)
	}
	if !ok {
		s.throttled().failed(u.Username, "")
		return fault.Invalidf([]fault.FieldError{{Field: "current_password", Reason: "is not your password"}},
			"the current password is wrong")
	}
	if current == next {
		return fault.Invalidf([]fault.FieldError{{Field: "new_password", Reason: "is your current password"}},
			"choose a password you do not use now")
	}
	hash, err := auth.HashPassword(next, auth.Cost)
	if err != nil {
		return busy(err)
	}
	defer s.changed(u.ID)
	return s.Store.SetPassword(ctx, u.ID, hash, token, false, &u.ID)
}
