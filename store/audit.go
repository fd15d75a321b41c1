package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
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
