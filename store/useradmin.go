package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// UserNamed returns the user with that username, enabled or not, or
// NotFound.
func (s *Store) UserNamed(ctx context.Context, username string) (people.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE username = $1`, username))
	if err != nil {
		return people.User{}, fault.Wrap(err, fault.NotFound, "no user "+username)
	}
	return u, nil
}

// CountUsers returns how many users exist, enabled or not.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, dbErr(err)
}

// SetDisabled disables (every session ends at once) or enables the user,
// audited. A user's private sea stays theirs either way: an admin decides
// what becomes of it.
func (s *Store) SetDisabled(ctx context.Context, userID int64, disabled bool, actor *int64) (people.User, error) {
	var u people.User
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, `UPDATE users
			SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END, updated_at = now()
			WHERE id = $1 RETURNING `+userColumns, userID, disabled))
		if err != nil {
			return dbErr(err)
		}
		action := "user.enable"
		if disabled {
			action = "user.disable"
			if _, err := endSessions(ctx, tx, userID, ""); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, action, userSubject(userID), map[string]any{})
	})
	return u, err
}
