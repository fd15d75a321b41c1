package store

import (
	"context"
	"crypto/sha256"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tide-crm/tide/people"
)

// CreateSession stores a bearer token (as its SHA-256 only) for the user,
// valid until expires.
func (s *Store) CreateSession(ctx context.Context, token string, userID int64, expires time.Time) error {
	sum := sha256.Sum256([]byte(token))
	_, err := s.pool.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`,
		sum[:], userID, expires)
	return dbErr(err)
}

// UserBySession returns the enabled user a live token belongs to and when
// the session expires, or NotFound for an unknown or expired token. Expired sessions stay until
// DeleteExpiredSessions sweeps them (hourly, in every API process).
func (s *Store) UserBySession(ctx context.Context, token string) (people.User, time.Time, error) {
	sum := sha256.Sum256([]byte(token))
	var expires time.Time
	u, err := scanUserWith(s.pool.QueryRow(ctx, `SELECT `+prefixed("u.", userColumns)+`, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`, sum[:]), &expires)
	return u, expires, dbErr(err)
}

// DeleteExpiredSessions removes sessions past their expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at <= now()`)
	return tag.RowsAffected(), dbErr(err)
}

// DeleteSession ends the session of token (logout). Ending a session that
// does not exist is not an error: the token is dead either way.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	sum := sha256.Sum256([]byte(token))
	_, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, sum[:])
	return dbErr(err)
}

// DeleteUserSessions ends every session of the user but the one of keep
// ("" keeps none) and reports how many ended (log out everywhere).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, keep string) (int64, error) {
	return endSessions(ctx, s.pool, userID, keep)
}

type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func endSessions(ctx context.Context, db execer, userID int64, keep string) (int64, error) {
	sum := sha256.Sum256([]byte(keep))
	tag, err := db.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1 AND ($2 = '' OR token_hash <> $3)`,
		userID, keep, sum[:])
	return tag.RowsAffected(), dbErr(err)
}
