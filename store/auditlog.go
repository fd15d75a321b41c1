package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/people"
)

// AuditFilter narrows the audit log; zero fields select everything.
type AuditFilter struct {
	Subject string // "user/7", "resource/42" …
	Action  string // a prefix: "user." selects every change of users
	ActorID int64
	Before  int64 // keyset: entries older than this id
	Limit   int   // at most 500; 0 is 100
}

// AuditRecord is one line of the audit log: who did what to what, when,
// with its detail (before and after, where the action records them).
type AuditRecord struct {
	ID      int64
	At      time.Time
	Actor   *people.UserRef // nil: the system or the command line
	Action  string
	Subject string
	Detail  json.RawMessage
}

// AuditLog lists the audit log newest first, as f narrows it.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditRecord, error) {
	var c conds
	if f.Subject != "" {
		c.add("l.subject = ?", f.Subject)
	}
	if f.Action != "" {
		c.add("starts_with(l.action, ?)", f.Action)
	}
	if f.ActorID != 0 {
		c.add("l.actor_id = ?", f.ActorID)
	}
	if f.Before != 0 {
		c.add("l.id < ?", f.Before)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	limit := c.next(f.Limit)
	rows, err := s.pool.Query(ctx, `SELECT l.id, l.at, u.id, u.name, l.action, l.subject, l.detail FROM audit_log l
		LEFT JOIN users u ON u.id = l.actor_id WHERE `+c.sql()+` ORDER BY l.id DESC LIMIT `+limit, c.args...)
	if err != nil {
		return nil, dbErr(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (AuditRecord, error) {
		var r AuditRecord
		var uid *int64
		var uname *string
		err := row.Scan(&r.ID, &r.At, &uid, &uname, &r.Action, &r.Subject, &r.Detail)
		r.Actor = ref(uid, uname)
		return r, err
	})
	return out, dbErr(err)
}
