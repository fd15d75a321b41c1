package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/workflows/contract"
)

// ImportRowRef names one row of an import.
type ImportRowRef struct {
	ImportID int64
	Line     int
}

// ErrRowDone refuses an entry for an import row that already has its
// result: an earlier try committed it.
var ErrRowDone = errors.New("store: the import row is done already")

// queueRowEntered records, in the entry's transaction, that the row entered
// resource id; a row already done fails the batch with ErrRowDone.
func queueRowEntered(b *pgx.Batch, ref *ImportRowRef, id int64) {
	if ref == nil {
		return
	}
	b.Queue(`UPDATE import_rows SET result = 'entered', resource_id = $3, done_at = now()
		WHERE import_id = $1 AND line = $2 AND result IS NULL`, ref.ImportID, ref.Line, id).
		Exec(func(ct pgconn.CommandTag) error {
			if ct.RowsAffected() != 1 {
				return ErrRowDone
			}
			return nil
		})
}

// queueFirstNote writes an entry's note as its first contact note, about
// its first contact.
func queueFirstNote(b *pgx.Batch, nr NewResource, ids entryIDs) {
	if nr.Note == "" {
		return
	}
	var contact *int64
	if len(ids.contacts) > 0 {
		contact = &ids.contacts[0]
	}
	b.Queue(`INSERT INTO notes (resource_id, author_id, at, channel, contact_id, summary)
		VALUES ($1, $2, now(), 'other', $3, $4)`, ids.resource, nr.CreatedBy, contact, nr.Note)
}

// CreateImport keeps a checked file and its rows; it enters nothing.
func (s *Store) CreateImport(ctx context.Context, imp bulk.Import, rows []bulk.Row) (int64, error) {
	type stored struct {
		Line    int               `json:"line"`
		Fields  map[string]string `json:"fields"`
		Verdict string            `json:"verdict"`
		Detail  bulk.Detail       `json:"detail"`
	}
	out := make([]stored, len(rows))
	for i, r := range rows {
		out[i] = stored{r.Line, r.Fields, r.Verdict, r.Check}
	}
	doc, err := json.Marshal(out)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO imports (created_by, target, file_name, total) VALUES ($1, $2, $3, $4) RETURNING id`,
			imp.CreatedBy, imp.Target, imp.FileName, len(rows)).Scan(&id); err != nil {
			return dbErr(err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO import_rows (import_id, line, fields, verdict, detail)
			SELECT $1, (r->>'line')::int, r->'fields', r->>'verdict', r->'detail' FROM jsonb_array_elements($2::jsonb) AS r`, id, doc)
		return dbErr(err)
	})
	return id, err
}

// importColumns read an import with its counts, in one pass over its rows.
const importColumns = `i.id, i.created_by, i.target, i.file_name, i.state, i.total, i.created_at, i.started_at,
	i.finished_at, i.cancel_requested, c.enter, c.collides, c.duplicate, c.invalid, c.over, c.entered, c.refused
	FROM imports i, LATERAL (SELECT count(*) FILTER (WHERE verdict = 'enter') AS enter,
		count(*) FILTER (WHERE verdict = 'collides') AS collides, count(*) FILTER (WHERE verdict = 'duplicate') AS duplicate,
		count(*) FILTER (WHERE verdict = 'invalid') AS invalid, count(*) FILTER (WHERE verdict = 'over_capacity') AS over,
		count(*) FILTER (WHERE result = 'entered') AS entered, count(*) FILTER (WHERE result = 'refused') AS refused
		FROM import_rows WHERE import_id = i.id) c`

func scanImport(row pgx.Row) (bulk.Import, error) {
	var i bulk.Import
	var enter, collides, duplicate, invalid, over int
	err := row.Scan(&i.ID, &i.CreatedBy, &i.Target, &i.FileName, &i.State, &i.Total, &i.CreatedAt, &i.StartedAt,
		&i.FinishedAt, &i.CancelRequested, &enter, &collides, &duplicate, &invalid, &over, &i.Entered, &i.Refused)
	i.Verdicts = map[string]int{bulk.VerdictEnter: enter, bulk.VerdictCollides: collides, bulk.VerdictDuplicate: duplicate,
		bulk.VerdictInvalid: invalid, bulk.VerdictOverCapacity: over}
	return i, dbErr(err)
}

// Import returns an import with its counts, or NotFound.
func (s *Store) Import(ctx context.Context, id int64) (bulk.Import, error) {
	return scanImport(s.pool.QueryRow(ctx, `SELECT `+importColumns+` WHERE i.id = $1`, id))
}

// ImportsBy returns the latest imports a user made, newest first.
func (s *Store) ImportsBy(ctx context.Context, userID int64, limit int) ([]bulk.Import, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+importColumns+` WHERE i.created_by = $1 ORDER BY i.id DESC LIMIT $2`,
		userID, limit)
	if err != nil {
		return nil, dbErr(err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (bulk.Import, error) { return scanImport(r) })
}

// ImportRows returns rows of an import after line `after`, in file order:
// every row, or only those still without a result when pending is set.
func (s *Store) ImportRows(ctx context.Context, id int64, after, limit int, pending bool) ([]bulk.Row, error) {
	rows, err := s.pool.Query(ctx, `SELECT line, fields, verdict, detail, coalesce(result, ''), resource_id, reason
		FROM import_rows WHERE import_id = $1 AND line > $2 AND (NOT $4 OR result IS NULL) ORDER BY line LIMIT $3`,
		id, after, limit, pending)
	if err != nil {
		return nil, dbErr(err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (bulk.Row, error) {
		var row bulk.Row
		err := r.Scan(&row.Line, &row.Fields, &row.Verdict, &row.Check, &row.Result, &row.ResourceID, &row.Reason)
		return row, dbErr(err)
	})
}

// StartImport moves a checked import to running and records the workflow
// commands that run it in the same transaction; an import not in the
// checked state is a Conflict.
func (s *Store) StartImport(ctx context.Context, id int64, cmds []contract.Command) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var b pgx.Batch
		b.Queue(`UPDATE imports SET state = 'running', started_at = now() WHERE id = $1 AND state = 'checked'`, id).
			Exec(func(ct pgconn.CommandTag) error {
				if ct.RowsAffected() != 1 {
					return fault.New(fault.Conflict, "import %d is not waiting for a commit", id)
				}
				return nil
			})
		if err := queueCommands(&b, cmds); err != nil {
			return err
		}
		return send(ctx, tx, &b)
	})
}

// RefuseImportRows records the commit's refusal of rows still without a
// result; rows done already keep theirs.
func (s *Store) RefuseImportRows(ctx context.Context, id int64, reasons map[int]bulk.Detail) error {
	if len(reasons) == 0 {
		return nil
	}
	lines := make([]int32, 0, len(reasons))
	docs := make([][]byte, 0, len(reasons))
	for line, d := range reasons {
		doc, err := json.Marshal(d)
		if err != nil {
			return err
		}
		lines, docs = append(lines, int32(line)), append(docs, doc)
	}
	_, err := s.pool.Exec(ctx, `UPDATE import_rows r SET result = 'refused', reason = x.reason, done_at = now()
		FROM unnest($2::int[], $3::jsonb[]) AS x(line, reason)
		WHERE r.import_id = $1 AND r.line = x.line AND r.result IS NULL`, id, lines, docs)
	return dbErr(err)
}

// CancelImport asks an import to stop: a checked one is cancelled at once,
// a running one stops between batches. A finished one is a Conflict.
func (s *Store) CancelImport(ctx context.Context, id int64) error {
	ct, err := s.pool.Exec(ctx, `UPDATE imports SET cancel_requested = true,
			state = CASE WHEN state = 'checked' THEN 'cancelled' ELSE state END,
			finished_at = CASE WHEN state = 'checked' THEN now() END
		WHERE id = $1 AND state IN ('checked', 'running')`, id)
	if err != nil {
		return dbErr(err)
	}
	if ct.RowsAffected() == 0 {
		return fault.New(fault.Conflict, "import %d has finished", id)
	}
	return nil
}

// FinishImport ends a running import as done or cancelled; an import that
// has ended already is left as it is.
func (s *Store) FinishImport(ctx context.Context, id int64, state string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE imports SET state = $2, finished_at = $3 WHERE id = $1 AND state = 'running'`, id, state, at)
	return dbErr(err)
}
