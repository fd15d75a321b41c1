package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
)

// checkOpenApplications locks the rep's row and asks check about the rep's
// open applications (pending, or approved and not yet entered: each holds
// its company's keys) and holdings. Every filing for the rep takes the same
// lock, so no concurrency can exceed the limit.
func checkOpenApplications(ctx context.Context, tx pgx.Tx, repID int64, check OpenLimitCheck) error {
	if check == nil {
		return nil
	}
	rep, err := lockRep(ctx, tx, repID)
	if err != nil {
		return err
	}
	var open, held int
	err = tx.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM applications WHERE for_rep_id = $1 AND state IN ('pending', 'approved')),
			(SELECT held FROM users WHERE id = $1)`, repID).Scan(&open, &held)
	if err != nil {
		return dbErr(err)
	}
	return check(rep, open, held)
}

// LapseUnreviewed lets a pending application lapse once its review deadline
// has passed: sales support did not decide it in time, so it frees the keys
// it held (R6) and the rep and sales support are told. An
// application decided meanwhile, not yet due, without a review deadline or
// not there at all (a filing that rolled back after starting its workflow)
// is left alone, so the call is idempotent and loses to a decision made in
// time (both lock the application's row).
func (s *Store) LapseUnreviewed(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		a, err := lockApp(ctx, tx, id)
		if fault.Is(err, fault.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if a.State != application.Pending || a.ReviewBy == nil || s.now().Before(*a.ReviewBy) {
			return nil
		}
		return lapse(ctx, tx, a, "sales support did not decide it by "+china.Minute(*a.ReviewBy)+
			" (rule "+deref(a.ReviewRule)+" version "+deref(a.ReviewVersion)+")", true)
	})
}
