package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/resource"
)

// audit appends one row to the audit log inside tx. actor nil is the system.
func audit(ctx context.Context, tx pgx.Tx, actor *int64, action, subject string, detail map[string]any) error {
	if detail == nil {
		detail = map[string]any{}
	}
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (actor_id, action, subject, detail) VALUES ($1, $2, $3, $4)`,
		actor, action, subject, detail)
	return dbErr(err)
}

func userSubject(id int64) string     { return "user/" + strconv.FormatInt(id, 10) }
func resourceSubject(id int64) string { return "resource/" + strconv.FormatInt(id, 10) }

// prefixed qualifies each column of a comma-separated list with p.
func prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// AuditOfResource lists the audited actions on a resource, oldest first.
func (s *Store) AuditOfResource(ctx context.Context, id int64) ([]resource.AuditEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT l.at, u.id, u.name, l.action, l.detail FROM audit_log l
		LEFT JOIN users u ON u.id = l.actor_id WHERE l.subject = $1 ORDER BY l.id LIMIT 2000`, resourceSubject(id))
	if err != nil {
		return nil, dbErr(err)
	}
	es, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resource.AuditEntry, error) {
		var e resource.AuditEntry
		var uid *int64
		var uname *string
		err := row.Scan(&e.At, &uid, &uname, &e.Action, &e.Detail)
		e.Actor = ref(uid, uname)
		return e, err
	})
	return es, dbErr(err)
}
