package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/resource"
)

// A batch (pgx.Batch) sends several statements in one round trip; they
// run in order, each result going to the callback it was queued with, and
// the first error (a statement's, or a callback's) stops the rest. Moves
// whose statements do not need each other's answers queue them together:
// on this machine a round trip costs about as much as an indexed insert's
// own work, so an entry went from thirteen of them to four
// (docs/BENCHMARKS.md).

// inBatchTx runs a transaction whose BEGIN travels with the statements
// first queues, then fn, then COMMIT: one round trip fewer than inTx, and
// first's statements cost none of their own. An error of first's batch (its
// callbacks' too) rolls back before fn runs.
func (s *Store) inBatchTx(ctx context.Context, first func(b *pgx.Batch), fn func(tx pgx.Tx) error) error {
	var b pgx.Batch
	b.BeginTx(pgx.TxOptions{})
	first(&b)
	br := s.pool.SendBatch(ctx, &b)
	tx := br.Tx()
	err := br.Close()
	if tx == nil { // no connection: nothing began
		return dbErr(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after commit
	if err != nil {
		return dbErr(err)
	}
	if err := fn(tx); err != nil {
		return err
	}
	// Once decided, commit even if the caller goes away (as inTx).
	return dbErr(tx.Commit(context.WithoutCancel(ctx)))
}

// send sends b inside tx: one round trip for all its statements.
func send(ctx context.Context, tx pgx.Tx, b *pgx.Batch) error {
	if b.Len() == 0 {
		return nil
	}
	return dbErr(tx.SendBatch(ctx, b).Close())
}

// settle ends a move of r into a private sea in one round trip: its
// history and audit, the workflow commands within returns for r, and the
// rep's capacity counter — last, so the rep's row is locked only from there
// to the commit.
func settle(ctx context.Context, tx pgx.Tx, r resource.Resource, c resource.Change, action string, within Within,
	repID int64, check CapacityCheck) error {
	var b pgx.Batch
	queueMove(&b, r, nil, c, action, nil)
	if within != nil {
		cmds, err := within(r)
		if err != nil {
			return err
		}
		if err := queueCommands(&b, cmds); err != nil {
			return err
		}
	}
	queueTakePlaces(&b, repID, 1, check)
	return movedMeanwhile(send(ctx, tx, &b))
}
