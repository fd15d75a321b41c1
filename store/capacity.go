package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/people"
)

// CapacityCheck decides whether the rep may hold one more resource (R13);
// held is how many resources the rep's private sea holds before it. Its
// error refuses the move. A move into a private sea asks it twice: early,
// from the counter as it stands (so a full sea is refused before anything
// else is looked at), and once more as its last statement, from the count
// its own increment of the counter returned — that row lock serialises the
// rep's moves only from there to the commit, and no concurrency can push
// the sea past the limit.
type CapacityCheck func(rep people.User, held int) error

// peekCapacity reads the rep and the counter without locking and asks check
// (nil: no limit) about the n places the move will take.
func peekCapacity(ctx context.Context, tx pgx.Tx, repID int64, n int, check CapacityCheck) (people.User, error) {
	var b pgx.Batch
	var rep people.User
	queuePeek(&b, repID, n, check, &rep)
	return rep, send(ctx, tx, &b)
}

// queuePeek is peekCapacity queued in a batch; the rep is read into rep.
func queuePeek(b *pgx.Batch, repID int64, n int, check CapacityCheck, rep *people.User) {
	b.Queue(`SELECT `+userColumns+`, held FROM users WHERE id = $1`, repID).QueryRow(func(row pgx.Row) error {
		var held int
		var err error
		if *rep, err = scanUserWith(row, &held); err != nil {
			return dbErr(err)
		}
		return askPlaces(*rep, held, n, check)
	})
}

// askPlaces asks check about n places taken one after the other from held.
func askPlaces(rep people.User, held, n int, check CapacityCheck) error {
	if check == nil {
		return nil
	}
	for i := range n {
		if err := check(rep, held+i); err != nil {
			return err
		}
	}
	return nil
}

// takePlaces adds n resources to the rep's counter and asks check about
// each place taken, as the counter stood before it; a refusal rolls the
// move back. Call it last in the move: the increment locks the rep's row
// until the commit.
func takePlaces(ctx context.Context, tx pgx.Tx, repID int64, n int, check CapacityCheck) error {
	var b pgx.Batch
	queueTakePlaces(&b, repID, n, check)
	return send(ctx, tx, &b)
}

// queueTakePlaces is takePlaces queued in a batch (its last statement).
func queueTakePlaces(b *pgx.Batch, repID int64, n int, check CapacityCheck) {
	b.Queue(`UPDATE users SET held = held + $2 WHERE id = $1 RETURNING `+userColumns+`, held`, repID, n).
		QueryRow(func(row pgx.Row) error {
			var held int
			rep, err := scanUserWith(row, &held)
			if err != nil {
				return dbErr(err)
			}
			return askPlaces(rep, held-n, n, check)
		})
}

// freePlace subtracts one resource from the rep's counter: the resource
// left the rep's private sea in this transaction.
func freePlace(ctx context.Context, tx pgx.Tx, repID int64) error {
	_, err := tx.Exec(ctx, `UPDATE users SET held = held - 1 WHERE id = $1`, repID)
	return dbErr(err)
}

// lockRep locks the rep's row for the rest of the transaction (a second
// lock by the same transaction is free).
func lockRep(ctx context.Context, tx pgx.Tx, repID int64) (people.User, error) {
	rep, err := scanUser(tx.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1 FOR NO KEY UPDATE`, repID))
	return rep, dbErr(err)
}

// HeldCounts returns how many resources each rep holds, for every rep.
func (s *Store) HeldCounts(ctx context.Context) (map[int64]int, []people.User, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+userColumns+`, held FROM users WHERE role = $1 ORDER BY id`, people.RoleRep)
	if err != nil {
		return nil, nil, dbErr(err)
	}
	held := map[int64]int{}
	var reps []people.User
	for rows.Next() {
		var n int
		u, err := scanUserWith(rows, &n)
		if err != nil {
			rows.Close()
			return nil, nil, dbErr(err)
		}
		held[u.ID], reps = n, append(reps, u)
	}
	return held, reps, dbErr(rows.Err())
}
