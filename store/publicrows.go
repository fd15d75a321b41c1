package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/resource"
)

// EnterPublicRows enters import rows into the public sea in one transaction,
// each row in a savepoint of its own, so that each is still one entry: its
// keys claimed by the unique index (a key held by another resource, or by a
// concurrent entry that commits first, refuses that row only), its rows,
// history and result written together or not at all. The group's ids are
// drawn in one round trip and each row is one more; a row whose key is
// held costs a rollback to its savepoint and, after the commit, the search
// that names the holder. An entry of its own costs four and a commit.
//
// ids[i] is the resource row i entered, or 0; errs[i] is row i's refusal:
// nil when it entered, a Collision fault with the hits, ErrRowDone when an
// earlier try committed it, or an Invalid fault (a value the database
// refuses). Any other failure rolls the whole group back and is returned
// as err: nothing of it was entered, and a retry enters it again.
func (s *Store) EnterPublicRows(ctx context.Context, rows []NewResource) (ids []int64, errs []error, err error) {
	errs, ids = make([]error, len(rows)), make([]int64, len(rows))
	lost := map[int][]collision.Key{} // rows whose keys someone holds
	contacts := 0
	for _, nr := range rows {
		contacts += len(nr.Contacts)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		var resourceIDs, contactIDs []int64
		if err := tx.QueryRow(ctx, `SELECT
				ARRAY(SELECT nextval(pg_get_serial_sequence('resources', 'id')) FROM generate_series(1, $1)),
				ARRAY(SELECT nextval(pg_get_serial_sequence('contacts', 'id')) FROM generate_series(1, $2))`,
			len(rows), contacts).Scan(&resourceIDs, &contactIDs); err != nil {
			return dbErr(err)
		}
		for i, nr := range rows {
			nr.Public, nr.OwnerID, nr.Capacity, nr.Dual = true, 0, nil, false
			keys := nr.Keys()
			eids := entryIDs{resource: resourceIDs[i], contacts: contactIDs[:len(nr.Contacts)]}
			contactIDs = contactIDs[len(nr.Contacts):]
			var b pgx.Batch
			b.Queue("SAVEPOINT row")
			queueEntryRows(&b, nr, eids)
			queueKeys(&b, "resource_id", eids.resource, keys)
			queueLikenessKeys(&b, []likeness.Profile{entryProfile(eids.resource, nr)})
			queueFirstNote(&b, nr, eids)
			queueRowEntered(&b, nr.Row, eids.resource)
			queueMove(&b, resource.Resource{ID: eids.resource, Epoch: 1}, nil, nr.Change, "resource.enter", nil)
			b.Queue("RELEASE SAVEPOINT row")
			werr := keyTaken(send(ctx, tx, &b))
			switch {
			case werr == nil:
				ids[i] = eids.resource
				continue
			case errors.Is(werr, ErrRowDone), errors.Is(werr, errKeyTaken), fault.Is(werr, fault.Invalid):
				errs[i] = werr
				if errors.Is(werr, errKeyTaken) {
					lost[i] = keys
				}
				// The failed statement aborted the transaction: only a
				// rollback is accepted now, and only unprepared.
				if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT row; RELEASE SAVEPOINT row", pgx.QueryExecModeSimpleProtocol); err != nil {
					return dbErr(err)
				}
			default:
				return werr
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// The holders of a lost row's keys have committed (a resource stored
	// before, a concurrent entry, or an earlier row of this group): name them.
	for i, keys := range lost {
		errs[i] = s.raceLost(ctx, keys, 0)
	}
	return ids, errs, nil
}
