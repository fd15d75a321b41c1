package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/people"
)

// notify inserts a notification in tx; a repeated dedup key is a no-op, so
// a retried activity notifies once.
func notify(ctx context.Context, tx pgx.Tx, userID int64, kind, subject, body, dedup string) error {
	_, err := tx.Exec(ctx, `INSERT INTO notifications (user_id, kind, subject, body, dedup)
		VALUES ($1, $2, $3, $4, nullif($5, '')) ON CONFLICT (dedup) DO NOTHING`, userID, kind, subject, body, dedup)
	return dbErr(err)
}

// Notifications returns a user's notifications, newest first.
func (s *Store) Notifications(ctx context.Context, userID int64, unreadOnly bool) ([]people.Notification, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, kind, subject, body, created_at, read_at FROM notifications
		WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT 200`, userID, unreadOnly)
	if err != nil {
		return nil, dbErr(err)
	}
	ns, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (people.Notification, error) {
		var n people.Notification
		return n, r.Scan(&n.ID, &n.Kind, &n.Subject, &n.Body, &n.CreatedAt, &n.ReadAt)
	})
	return ns, dbErr(err)
}

// MarkRead marks one of the user's notifications read; another user's is NotFound.
func (s *Store) MarkRead(ctx context.Context, userID, id int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return dbErr(err)
	}
	if tag.RowsAffected() == 0 {
		return dbErr(pgx.ErrNoRows)
	}
	return nil
}
