package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/people"
)

// CapacityCheck decides, inside a move's transaction and under a lock on
// the rep's row, whether the rep may hold one more resource (R13); held is
// how many resources the rep's private sea holds now. Its error refuses the
// move. Because every move into one rep's sea takes the same lock, no
// concurrency can push the sea past the limit.
type CapacityCheck func(rep people.User, held int) error

// checkCapacity locks the rep's row, asks check (nil: no limit) about the
// count and returns the rep as locked. FOR NO KEY UPDATE serialises the
// rep's moves without blocking rows that merely reference the rep
// (sessions, audit, resources of other moves).
func checkCapacity(ctx context.Context, tx pgx.Tx, repID int64, check CapacityCheck) (people.User, error) {
	rep, err := lockRep(ctx, tx, repID)
	if err != nil || check == nil {
		return rep, err
	}
	var held int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM resources WHERE owner_id = $1`, repID).Scan(&held); err != nil {
		return rep, dbErr(err)
	}
	return rep, check(rep, held)
}

// lockRep locks the rep's row for the rest of the transaction (a second
// lock by the same transaction is free).
func lockRep(ctx context.Context, tx pgx.Tx, repID int64) (people.User, error) {
	rep, err := scanUser(tx.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1 FOR NO KEY UPDATE`, repID))
	return rep, dbErr(err)
}

// HeldCounts returns how many resources each rep holds, for every rep.
func (s *Store) HeldCounts(ctx context.Context) (map[int64]int, []people.User, error) {
	reps, err := s.ListUsers(ctx)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT owner_id, count(*) FROM resources WHERE owner_id IS NOT NULL GROUP BY owner_id`)
	if err != nil {
		return nil, nil, dbErr(err)
	}
	held := map[int64]int{}
	var id int64
	var n int
	_, err = pgx.ForEachRow(rows, []any{&id, &n}, func() error { held[id] = n; return nil })
	if err != nil {
		return nil, nil, dbErr(err)
	}
	out := reps[:0]
	for _, u := range reps {
		if u.Role == people.RoleRep {
			out = append(out, u)
		}
	}
	return held, out, nil
}
