package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/auditlog"
)

// AuditLog lists the audit log newest first, as f narrows it.
func (s *Store) AuditLog(ctx context.Context, f auditlog.Filter) ([]auditlog.Record, error) {
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
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (auditlog.Record, error) {
		var r auditlog.Record
		var uid *int64
		var uname *string
		err := row.Scan(&r.ID, &r.At, &uid, &uname, &r.Action, &r.Subject, &r.Detail)
		r.Actor = ref(uid, uname)
		return r, err
	})
	return out, dbErr(err)
}
