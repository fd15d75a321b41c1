package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
)

// ReviewFilter selects raised pairs. Open pairs come strongest first (the
// review queue), others newest first.
type ReviewFilter struct {
	State      string // likeness.StateOpen …; "" any
	ResourceID int64  // pairs of this resource only; 0 any
	Limit      int
}

// reviewSQL reads raised pairs: $1 a state or "", $2 a resource or 0, $3
// at most so many, $4 one pair or 0.
const reviewSQL = `SELECT p.id, p.score, p.reasons, p.rule_version, p.action, p.raised_at, p.state, p.decided_at,
		coalesce(p.outcome, '{}'), rb.id, rb.name, db.id, db.name,
		e.id, e.name, e.sea, eo.id, eo.name, l.id, l.name, l.sea, lo.id, lo.name
	FROM likeness_pairs p
	JOIN resources e ON e.id = p.earlier_id LEFT JOIN users eo ON eo.id = e.owner_id
	JOIN resources l ON l.id = p.later_id LEFT JOIN users lo ON lo.id = l.owner_id
	LEFT JOIN users rb ON rb.id = p.raised_by LEFT JOIN users db ON db.id = p.decided_by
	WHERE ($1::text = '' OR p.state = $1) AND ($2::bigint = 0 OR $2 IN (p.earlier_id, p.later_id)) AND ($4::bigint = 0 OR p.id = $4)
	ORDER BY CASE WHEN $1 = 'open' THEN p.score END DESC, p.raised_at DESC, p.id
	LIMIT $3`

// Reviews lists raised pairs.
func (s *Store) Reviews(ctx context.Context, f ReviewFilter) ([]likeness.Review, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	rows, err := s.pool.Query(ctx, reviewSQL, f.State, f.ResourceID, f.Limit, int64(0))
	if err != nil {
		return nil, dbErr(err)
	}
	out, err := pgx.CollectRows(rows, scanReview)
	return out, dbErr(err)
}

func scanReview(row pgx.CollectableRow) (likeness.Review, error) {
	var r likeness.Review
	var rbID, dbID, eoID, loID *int64
	var rbName, dbName, eoName, loName *string
	err := row.Scan(&r.ID, &r.Score, &r.Reasons, &r.Rule, &r.Action, &r.RaisedAt, &r.State, &r.DecidedAt,
		&r.Outcome, &rbID, &rbName, &dbID, &dbName,
		&r.Earlier.ResourceID, &r.Earlier.Name, &r.Earlier.Sea, &eoID, &eoName,
		&r.Later.ResourceID, &r.Later.Name, &r.Later.Sea, &loID, &loName)
	r.RaisedBy, r.DecidedBy = userRef(rbID, rbName), userRef(dbID, dbName)
	r.Earlier.Owner, r.Later.Owner = userRef(eoID, eoName), userRef(loID, loName)
	return r, err
}

func userRef(id *int64, name *string) *people.UserRef {
	if id == nil {
		return nil
	}
	return &people.UserRef{ID: *id, Name: deref(name)}
}

// Review reads one raised pair.
func (s *Store) Review(ctx context.Context, id int64) (likeness.Review, error) {
	rows, err := s.pool.Query(ctx, reviewSQL, "", int64(0), 1, id)
	if err != nil {
		return likeness.Review{}, dbErr(err)
	}
	r, err := pgx.CollectExactlyOneRow(rows, scanReview)
	if err == pgx.ErrNoRows {
		return r, fault.New(fault.NotFound, "no possible duplicate %d", id)
	}
	return r, dbErr(err)
}

// DecideDifferent closes an open pair as two companies, for good. Of two
// deciders of one pair exactly one succeeds; the other gets a Conflict
// naming what was decided.
func (s *Store) DecideDifferent(ctx context.Context, id, actorID int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE likeness_pairs SET state = 'different', decided_by = $2, decided_at = now()
			WHERE id = $1 AND state = 'open'`, id, actorID)
		if err != nil {
			return dbErr(err)
		}
		if tag.RowsAffected() == 0 {
			return pairNotOpen(ctx, tx, id)
		}
		return audit(ctx, tx, &actorID, "likeness.different", fmt.Sprintf("likeness_pair:%d", id), map[string]any{})
	})
}

// pairNotOpen explains why pair id could not be decided.
func pairNotOpen(ctx context.Context, tx pgx.Tx, id int64) error {
	var state string
	err := tx.QueryRow(ctx, `SELECT state FROM likeness_pairs WHERE id = $1`, id).Scan(&state)
	if err == pgx.ErrNoRows {
		return fault.New(fault.NotFound, "no possible duplicate %d", id)
	}
	if err != nil {
		return dbErr(err)
	}
	return fault.New(fault.Conflict, "possible duplicate %d was decided already: %s", id, state)
}
