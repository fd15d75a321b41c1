package account

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// NewUser is a user as an admin (or an operator on the command line)
// creates them.
type NewUser struct {
	Username, Name, Role, Password string
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// CreateUser validates and creates a user; actor is the admin who does it
// (nil: the command line), recorded in the audit log.
func (s *Service) CreateUser(ctx context.Context, actor *int64, in NewUser) (people.User, error) {
	in.Username, in.Name = strings.TrimSpace(in.Username), strings.TrimSpace(in.Name)
	var errs []fault.FieldError
	if !usernamePattern.MatchString(in.Username) {
		errs = append(errs, fault.FieldError{Field: "username",
			Reason: "2 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit"})
	}
	if n := utf8.RuneCountInString(in.Name); n < 1 || n > 100 {
		errs = append(errs, fault.FieldError{Field: "name", Reason: "1 to 100 characters"})
	}
	if !slices.Contains(people.Roles, in.Role) {
		errs = append(errs, fault.FieldError{Field: "role", Reason: "one of " + strings.Join(people.Roles, ", ")})
	}
	if err := auth.Policy(in.Username, in.Password); err != nil {
		errs = append(errs, fault.FieldError{Field: "password", Reason: err.Error()})
	}
	if errs != nil {
		return people.User{}, fault.Invalidf(errs, "the user is not valid")
	}
	hash, err := auth.HashPassword(in.Password, auth.Cost)
	if err != nil {
		return people.User{}, busy(err)
	}
	// An admin chose this password and knows it: the user must choose their
	// own at the first sign-in. The command line's user (an operator
	// creating their own account) need not.
	return s.Store.CreateUser(ctx, people.NewUser{Username: in.Username, Name: in.Name, Role: in.Role, PasswordHash: hash, Actor: actor,
		MustChangePassword: actor != nil})
}

// SetDisabled disables the user named username (their sessions end at once;
// their private sea stays theirs until an admin reassigns or releases it) or
// enables them again.
func (s *Service) SetDisabled(ctx context.Context, actor *int64, username string, disabled bool) (people.User, error) {
	u, err := s.Store.UserNamed(ctx, username)
	if err != nil {
		return people.User{}, err
	}
	if disabled && actor != nil && *actor == u.ID {
		return people.User{}, errSelf
	}
	defer s.changed(u.ID)
	return s.Store.SetDisabled(ctx, u.ID, disabled, actor)
}

// ResetPassword gives the user named username a new password, checked
// against the policy; every session of the user ends, and the user must
// choose their own password at the next sign-in.
func (s *Service) ResetPassword(ctx context.Context, actor *int64, username, password string) error {
	u, err := s.Store.UserNamed(ctx, username)
	if err != nil {
		return err
	}
	if err := auth.Policy(u.Username, password); err != nil {
		return fault.Invalidf([]fault.FieldError{{Field: "password", Reason: err.Error()}}, "the password is not accepted")
	}
	hash, err := auth.HashPassword(password, auth.Cost)
	if err != nil {
		return busy(err)
	}
	defer s.changed(u.ID)
	// Someone else chose it: its user must replace it. An admin resetting
	// their own knows it alone.
	mustChange := actor == nil || *actor != u.ID
	return s.Store.SetPassword(ctx, u.ID, hash, "", mustChange, actor)
}

// Bootstrap creates the first admin when no user exists at all, and reports
// whether it did: a production database starts empty, and someone must be
// able to sign in. Once any user exists it does nothing, so the variables
// that carry the password can stay set without reopening the door.
func (s *Service) Bootstrap(ctx context.Context, username, password string) (bool, error) {
	n, err := s.Store.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	_, err = s.CreateUser(ctx, nil, NewUser{Username: username, Name: "Administrator", Role: people.RoleAdmin, Password: password})
	if fault.Is(err, fault.Conflict) { // another process bootstrapped at the same moment
		return false, nil
	}
	return err == nil, err
}

// User returns the user named username, enabled or not.
func (s *Service) User(ctx context.Context, username string) (people.User, error) {
	return s.Store.UserNamed(ctx, username)
}

// SetRole gives the user named username another role (audited); their
// cached sessions are dropped so the next request runs under the new role.
// A rep who holds customers keeps the role until their private sea is
// released or reassigned.
func (s *Service) SetRole(ctx context.Context, actor *int64, username, role string) (people.User, error) {
	if !slices.Contains(people.Roles, role) {
		return people.User{}, fault.Invalidf([]fault.FieldError{{Field: "role", Reason: "one of " + strings.Join(people.Roles, ", ")}},
			"the role is not valid")
	}
	u, err := s.Store.UserNamed(ctx, username)
	if err != nil {
		return people.User{}, err
	}
	if role != u.Role && actor != nil && *actor == u.ID {
		return people.User{}, errSelf
	}
	defer s.changed(u.ID)
	return s.Store.SetRole(ctx, u.ID, role, actor)
}

// SetAssistantReps sets the reps the assistant named username serves: the
// reps their special applications may be for (R8).
func (s *Service) SetAssistantReps(ctx context.Context, actor *int64, username string, repIDs []int64) error {
	u, err := s.Store.UserNamed(ctx, username)
	if err != nil {
		return err
	}
	if u.Role != people.RoleAssistant {
		return fault.New(fault.Conflict, "%s is not an assistant", username)
	}
	return s.Store.SetAssistantReps(ctx, u.ID, repIDs, actor)
}

// ServedReps are the reps an assistant serves, as an admin assigned them.
func (s *Service) ServedReps(ctx context.Context, assistantID int64) ([]people.UserRef, error) {
	return s.Store.AssistantReps(ctx, assistantID)
}

// errSelf keeps at least one admin able to undo a change: nobody disables
// themself or gives up their own role.
var errSelf = fault.New(fault.Conflict, "an admin does not disable or demote themself: another admin must")

// UserByID returns the user with that id, enabled or not.
func (s *Service) UserByID(ctx context.Context, id int64) (people.User, error) {
	return s.Store.UserByID(ctx, id)
}
