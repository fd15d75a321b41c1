package store

import (
	"context"
	"encoding/json"
	"sync"
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
	var b pgx.Batch
	if err := queueCommands(&b, cmds); err != nil {
		return err
	}
	return send(ctx, tx, &b)
}

// queueCommands is insertCommands queued in a batch.
func queueCommands(b *pgx.Batch, cmds []contract.Command) error {
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
	b.Queue(`INSERT INTO outbox (kind, workflow_type, workflow_id, epoch, input, memo)
		SELECT k, t, w, e, i, m FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])
			WITH ORDINALITY AS x(k, t, w, e, i, m, n) ORDER BY n`, kinds, types, ids, epochs, inputs, memos)
	return nil
}

// Pending is a command waiting in the outbox, its input still JSON.
type Pending struct {
	ID       int64
	Attempts int
	contract.Command
	Input     json.RawMessage
	CreatedAt time.Time
}

// Dispatch hands due commands to send and forgets each one send accepted;
// one send refused is tried again later (backing off to a minute), with
// its error kept. Without workflowID it takes, oldest first, at most limit
// commands that are each the first waiting for their workflow, and sends
// them up to parallel at a time (one per workflow, so each workflow's
// commands still go in order); with workflowID it sends that workflow's
// commands one after the other. Commands are claimed FOR UPDATE (SKIP
// LOCKED for the batch), so dispatchers in several processes never send
// one twice at once, and a workflow's own flush waits for a dispatcher
// sending it rather than overtaking it.
func (s *Store) Dispatch(ctx context.Context, workflowID string, limit, parallel int, send func(Pending) error) (int, error) {
	sent := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		ps, err := claim(ctx, tx, workflowID, limit)
		if err != nil {
			return err
		}
		errs := make([]error, len(ps))
		if workflowID != "" {
			for i, p := range ps {
				if errs[i] = send(p); errs[i] != nil {
					errs = errs[:i+1] // its later commands wait, in order
					break
				}
			}
		} else {
			sendAll(ps, errs, max(parallel, 1), send)
		}
		var done []int64
		for i, err := range errs {
			if err == nil {
				done = append(done, ps[i].ID)
				continue
			}
			backoff := min(time.Duration(1<<min(ps[i].Attempts, 6))*time.Second, time.Minute)
			if _, err := tx.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
				next_at = now() + $3::interval WHERE id = $1`, ps[i].ID, err.Error(), backoff.String()); err != nil {
				return dbErr(err)
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM outbox WHERE id = ANY($1)`, done); err != nil {
			return dbErr(err)
		}
		sent = len(done)
		return nil
	})
	return sent, err
}

// claim locks the commands Dispatch is to send.
func claim(ctx context.Context, tx pgx.Tx, workflowID string, limit int) ([]Pending, error) {
	const cols = `SELECT id, attempts, kind, workflow_type, workflow_id, epoch, input, memo, created_at FROM outbox o`
	query := cols + ` WHERE next_at <= now() AND NOT EXISTS (SELECT 1 FROM outbox e
			WHERE e.workflow_id = o.workflow_id AND e.id < o.id)
		ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`
	args := []any{limit}
	if workflowID != "" {
		query = cols + ` WHERE workflow_id = $2 ORDER BY id LIMIT $1 FOR UPDATE`
		args = append(args, workflowID)
	}
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, dbErr(err)
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
	return ps, dbErr(err)
}

// sendAll sends ps, at most parallel at a time, each one's error in errs.
func sendAll(ps []Pending, errs []error, parallel int, send func(Pending) error) {
	var wg sync.WaitGroup
	slots := make(chan struct{}, parallel)
	for i, p := range ps {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			errs[i] = send(p)
		})
	}
	wg.Wait()
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
