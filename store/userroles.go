package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// SetRole changes a user's role, audited with the role before. A rep who
// holds customers keeps the role: their private sea must be released or
// reassigned first, since no other role holds one (Conflict).
func (s *Store) SetRole(ctx context.Context, userID int64, role string, actor *int64) (people.User, error) {
	var u people.User
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before string
		var held int
		if err := tx.QueryRow(ctx, `SELECT role, held FROM users WHERE id = $1 FOR UPDATE`, userID).Scan(&before, &held); err != nil {
			return fault.Wrap(dbErr(err), fault.NotFound, "no such user")
		}
		if before == people.RoleRep && role != people.RoleRep && held > 0 {
			return fault.New(fault.Conflict, "the rep holds %d customers: release or reassign them before changing the role", held)
		}
		var err error
		if u, err = scanUser(tx.QueryRow(ctx, `UPDATE users SET role = $2, updated_at = now() WHERE id = $1 RETURNING `+userColumns,
			userID, role)); err != nil {
			return dbErr(err)
		}
		if role != people.RoleAssistant {
			if _, err := tx.Exec(ctx, `DELETE FROM assistant_reps WHERE assistant_id = $1`, userID); err != nil {
				return dbErr(err)
			}
		}
		return audit(ctx, tx, actor, "user.role", userSubject(userID), map[string]any{"before": before, "after": role})
	})
	return u, err
}

// SetAssistantReps replaces the reps an assistant serves, audited; every id
// must be an enabled rep (Invalid otherwise).
func (s *Store) SetAssistantReps(ctx context.Context, assistantID int64, repIDs []int64, actor *int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM users WHERE id = ANY($1) AND role = 'rep' AND disabled_at IS NULL`,
			repIDs).Scan(&n); err != nil {
			return dbErr(err)
		}
		if n != len(uniqueIDs(repIDs)) {
			return fault.Invalidf([]fault.FieldError{fault.Field("reps", "every one must be an enabled rep")}, "the reps are not valid")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM assistant_reps WHERE assistant_id = $1`, assistantID); err != nil {
			return dbErr(err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO assistant_reps (assistant_id, rep_id) SELECT $1, unnest($2::bigint[])
			ON CONFLICT DO NOTHING`, assistantID, repIDs); err != nil {
			return dbErr(err)
		}
		return audit(ctx, tx, actor, "user.assistant_reps", userSubject(assistantID), map[string]any{"reps": repIDs})
	})
}

// AssistantReps returns the reps an assistant serves, by name.
func (s *Store) AssistantReps(ctx context.Context, assistantID int64) ([]people.UserRef, error) {
	rows, err := s.pool.Query(ctx, `SELECT u.id, u.name FROM assistant_reps a JOIN users u ON u.id = a.rep_id
		WHERE a.assistant_id = $1 ORDER BY u.id`, assistantID)
	if err != nil {
		return nil, dbErr(err)
	}
	refs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[people.UserRef])
	return refs, dbErr(err)
}

func uniqueIDs(ids []int64) map[int64]bool {
	m := map[int64]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}
