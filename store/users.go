package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

const userColumns = `id, username, name, role, password_hash, email, mobile, trade_manager_id,
	confirmed_at, created_at, updated_at, disabled_at, must_change_password`

func scanUser(row pgx.Row) (people.User, error) { return scanUserWith(row) }

// scanUserWith scans userColumns followed by the extra columns into extra.
func scanUserWith(row pgx.Row, extra ...any) (people.User, error) {
	var u people.User
	err := row.Scan(append([]any{&u.ID, &u.Username, &u.Name, &u.Role, &u.PasswordHash, &u.Email, &u.Mobile,
		&u.TradeManagerID, &u.ConfirmedAt, &u.CreatedAt, &u.UpdatedAt, &u.DisabledAt, &u.MustChangePassword}, extra...)...)
	return u, err
}

// CreateUser inserts a user, audited. A taken username is a Conflict.
func (s *Store) CreateUser(ctx context.Context, nu people.NewUser) (people.User, error) {
	var u people.User
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, `INSERT INTO users (username, name, role, password_hash, must_change_password)
			VALUES ($1, $2, $3, $4, $5) RETURNING `+userColumns, nu.Username, nu.Name, nu.Role, nu.PasswordHash, nu.MustChangePassword))
		if isUniqueViolation(err, "users_username_key") {
			return fault.Wrap(err, fault.Conflict, "username "+nu.Username+" is taken")
		}
		if err != nil {
			return dbErr(err)
		}
		return audit(ctx, tx, nu.Actor, "user.create", userSubject(u.ID), map[string]any{"username": u.Username, "role": u.Role})
	})
	return u, err
}

// EnsureUser creates the user unless the username exists; it reports whether
// it created one. Existing users are left untouched (their passwords too).
func (s *Store) EnsureUser(ctx context.Context, nu people.NewUser) (bool, error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO users (username, name, role, password_hash)
		VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING`, nu.Username, nu.Name, nu.Role, nu.PasswordHash)
	return tag.RowsAffected() == 1, dbErr(err)
}

// UserByUsername returns the enabled user with that username, or NotFound.
func (s *Store) UserByUsername(ctx context.Context, username string) (people.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users
		WHERE username = $1 AND disabled_at IS NULL`, username))
	return u, dbErr(err)
}

// UserByID returns the user with that id, or NotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (people.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	return u, dbErr(err)
}

// ListUsers returns every user, ordered by id.
func (s *Store) ListUsers(ctx context.Context) ([]people.User, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, dbErr(err)
	}
	users, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (people.User, error) { return scanUser(r) })
	return users, dbErr(err)
}

// UpdateProfile replaces the user's personal information (R21) and, when
// asked, records that the user confirmed it. The change is audited.
func (s *Store) UpdateProfile(ctx context.Context, userID int64, p people.Profile) (people.User, error) {
	var u people.User
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, `UPDATE users SET email = $2, mobile = $3, trade_manager_id = $4,
			confirmed_at = CASE WHEN $5 THEN now() ELSE confirmed_at END, updated_at = now()
			WHERE id = $1 RETURNING `+userColumns, userID, p.Email, p.Mobile, p.TradeManagerID, p.Confirm))
		if err != nil {
			return dbErr(err)
		}
		return audit(ctx, tx, &userID, "profile.update", userSubject(userID), map[string]any{"confirmed": p.Confirm})
	})
	return u, err
}

// SetPassword replaces the user's password hash and ends every session of
// the user but the one of keep ("" ends all), in one transaction: a changed
// password logs out whoever else held a token. The change is audited.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash, keep string, mustChange bool, actor *int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1`,
			userID, hash, mustChange)
		if err != nil {
			return dbErr(err)
		}
		if tag.RowsAffected() == 0 {
			return fault.New(fault.NotFound, "no user %d", userID)
		}
		ended, err := endSessions(ctx, tx, userID, keep)
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "user.password", userSubject(userID), map[string]any{"sessions_ended": ended, "must_change": mustChange})
	})
}
