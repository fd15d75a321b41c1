package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/resource"
)

// ConfirmKind settles a dual record (R7) once the customer's kind is known:
// the record of that kind stays in the private sea; the other is closed (it
// leaves both seas, with a confirm_kind row in its history). When the
// individual twin stays, the collision keys move to it, in the same
// transaction. may runs on the locked enterprise record (the owner check).
func (s *Store) ConfirmKind(ctx context.Context, id int64, kind string, actor int64, may func(resource.Resource) error, within Within) (kept, closed resource.Resource, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		r, err := getResource(ctx, tx, id)
		if err != nil {
			return err
		}
		primary, twin := r.ID, int64(0)
		switch {
		case r.TwinOf != nil:
			primary, twin = *r.TwinOf, r.ID
		case r.TwinID != nil:
			twin = *r.TwinID
		default:
			return fault.New(fault.Conflict, "resource %d is not one of a dual record", id)
		}
		var pair []resource.Resource
		for _, rid := range []int64{primary, twin} { // ascending ids: one lock order
			p, err := scanResource(tx.QueryRow(ctx, `SELECT `+resourceColumns+resourceFrom+` WHERE r.id = $1 FOR UPDATE OF r`, rid))
			if err != nil {
				return dbErr(err)
			}
			if p.Sea != resource.SeaPrivate {
				return fault.New(fault.Conflict, "the dual record of resource %d is settled already (%d is %s)", id, p.ID, p.Sea)
			}
			pair = append(pair, p)
		}
		if err := may(pair[0]); err != nil {
			return err
		}
		keep, drop := pair[0], pair[1]
		if kind == "individual" {
			keep, drop = pair[1], pair[0]
			if _, err := tx.Exec(ctx, `UPDATE collision_keys SET resource_id = $2 WHERE resource_id = $1`, drop.ID, keep.ID); err != nil {
				return dbErr(err)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE resources SET sea = 'closed', owner_id = NULL, protected_until = NULL, protection_rule = NULL, protection_rule_version = NULL,
			epoch = epoch + 1, updated_at = now() WHERE id = $1`, drop.ID); err != nil {
			return dbErr(err)
		}
		if err := freePlace(ctx, tx, drop.Owner.ID); err != nil {
			return err
		}
		if closed, err = getResource(ctx, tx, drop.ID); err != nil {
			return err
		}
		reason := fmt.Sprintf("the customer buys as %s; resource %d is kept", kind, keep.ID)
		if err := insertHistory(ctx, tx, closed, &drop.Owner.ID, resource.Change{ActorID: &actor, Path: resource.PathConfirm, Reason: reason}); err != nil {
			return err
		}
		if kept, err = getWhole(ctx, tx, keep.ID); err != nil {
			return err
		}
		if err := run(ctx, tx, within, closed); err != nil {
			return err
		}
		return audit(ctx, tx, &actor, "resource.confirm_kind", resourceSubject(keep.ID),
			map[string]any{"kind": kind, "closed": drop.ID})
	})
	return kept, closed, err
}
