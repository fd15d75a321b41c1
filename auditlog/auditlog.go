// Package auditlog reads the audit log for admins: who did what to what,
// when, with the detail the action recorded. The log itself is written by
// the store inside each change's transaction and is append-only; this
// package only reads it, for the API and the console alike.
package auditlog

import (
	"context"
	"encoding/json"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// Filter narrows the log; zero fields select everything.
type Filter struct {
	Subject string // "user/7", "resource/42" …
	Action  string // a prefix: "user." selects every change of users
	ActorID int64
	Before  int64 // keyset: lines older than this id
	Limit   int   // at most 500; 0 is 100
}

// Record is one line of the log.
type Record struct {
	ID      int64
	At      time.Time
	Actor   *people.UserRef // nil: the system or the command line
	Action  string
	Subject string
	Detail  json.RawMessage
}

// Store reads the log; package store implements it.
type Store interface {
	AuditLog(ctx context.Context, f Filter) ([]Record, error)
}

// Service lets admins read the log.
type Service struct {
	Store Store
}

// List returns the lines f selects, newest first, to an admin; anyone else
// is refused (Forbidden).
func (s *Service) List(ctx context.Context, actor people.User, f Filter) ([]Record, error) {
	if actor.Role != people.RoleAdmin {
		return nil, fault.New(fault.Forbidden, "only admins read the audit log")
	}
	return s.Store.AuditLog(ctx, f)
}
