package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/workflows/contract"
)

// Within runs inside a move's transaction, after its writes: it returns the
// workflow commands to record with the move (the outbox), or an error that
// undoes the move.
type Within func(resource.Resource) ([]contract.Command, error)

// run calls within on r and records its commands.
func run(ctx context.Context, tx pgx.Tx, within Within, r resource.Resource) error {
	if within == nil {
		return nil
	}
	cmds, err := within(r)
	if err != nil {
		return err
	}
	return insertCommands(ctx, tx, cmds)
}

// insertCommands records workflow commands in the move's transaction: they
// exist exactly when the move does.
func insertCommands(ctx context.Context, tx pgx.Tx, cmds []contract.Command) error {
	if len(cmds) == 0 {
		return nil
	}
	var kinds, types, ids []string
	var epochs []int32
	var inputs, memos [][]byte
	for _, c := range cmds {
		input, err := json.Marshal(c.Input)
		if err != nil {
			return err
		}
		memo, err := json.Marshal(c.Memo)
		if err != nil {
			return err
		}
		if c.Memo == nil {
			memo = []byte("{}")
		}
		kinds, types, ids = append(kinds, c.Kind), append(types, c.WorkflowType), append(ids, c.WorkflowID)
		epochs, inputs, memos = append(epochs, int32(c.Epoch)), append(inputs, input), append(memos, memo)
	}
	_, err := tx.Exec(ctx, `INSERT INTO outbox (kind, workflow_type, workflow_id, epoch, input, memo)
		SELECT k, t, w, e, i, m FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])
			WITH ORDINALITY AS x(k, t, w, e, i, m, n) ORDER BY n`, kinds, types, ids, epochs, inputs, memos)
	return dbErr(err)
}

// Pending is a command waiting in the outbox, its input still JSON.
type Pending struct {
	ID       int64
	Attempts int
	contract.Command
	Input     json.RawMessage
	CreatedAt time.Time
}

// Dispatch hands the due commands — all of them, or only workflowID's when
// it is given — to send, oldest first, at most limit of them, and forgets
// each one send accepted; one send refused is tried again later (backing
// off to a minute), with its error kept. Due commands are claimed FOR
// UPDATE SKIP LOCKED, so dispatchers in several processes never send one
// twice at once; a workflow's own commands are waited for rather than
// skipped, so that they are sent in order before an update follows them.
func (s *Store) Dispatch(ctx context.Context, workflowID string, limit int, send func(Pending) error) (int, error) {
	sent := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		query := `SELECT id, attempts, kind, workflow_type, workflow_id, epoch, input, memo, created_at FROM outbox
			WHERE next_at <= now() ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`
		args := []any{limit}
		if workflowID != "" {
			query = `SELECT id, attempts, kind, workflow_type, workflow_id, epoch, input, memo, created_at FROM outbox
				WHERE workflow_id = $2 ORDER BY id LIMIT $1 FOR UPDATE`
			args = append(args, workflowID)
		}
		rows, err := tx.Query(ctx, query, args...)
		if err != nil {
			return dbErr(err)
		}
		ps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Pending, error) {
			var p Pending
			var memo []byte
			err := r.Scan(&p.ID, &p.Attempts, &p.Kind, &p.WorkflowType, &p.WorkflowID, &p.Epoch, &p.Input, &memo, &p.CreatedAt)
			if err == nil {
				err = json.Unmarshal(memo, &p.Memo)
			}
			return p, err
		})
		if err != nil {
			return dbErr(err)
		}
		stuck := map[string]bool{} // a workflow whose command failed: its later ones wait, in order
		for _, p := range ps {
			if stuck[p.WorkflowID] {
				continue
			}
			if err := send(p); err != nil {
				stuck[p.WorkflowID] = true
				backoff := min(time.Duration(1<<min(p.Attempts, 6))*time.Second, time.Minute)
				if _, err := tx.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
					next_at = now() + $3::interval WHERE id = $1`, p.ID, err.Error(), backoff.String()); err != nil {
					return dbErr(err)
				}
				continue
			}
			if _, err := tx.Exec(ctx, `DELETE FROM outbox WHERE id = $1`, p.ID); err != nil {
				return dbErr(err)
			}
			sent++
		}
		return nil
	})
	return sent, err
}

// OutboxLag reports how many commands wait and since when the oldest.
func (s *Store) OutboxLag(ctx context.Context) (waiting int, oldest time.Time, err error) {
	var at *time.Time
	err = s.pool.QueryRow(ctx, `SELECT count(*), min(created_at) FROM outbox`).Scan(&waiting, &at)
	if at != nil {
		oldest = *at
	}
	return waiting, oldest, dbErr(err)
}
