package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// CreateReferral hands the lead to whoever owns resourceID now. A public
// resource has no owner to hand it to (pick it instead); a resource the
// requester owns needs no referral.
func (s *Store) CreateReferral(ctx context.Context, resourceID, fromUser int64, note string, lead map[string]any) (collision.Referral, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := scanResource(tx.QueryRow(ctx, `SELECT `+resourceColumns+resourceFrom+` WHERE r.id = $1 FOR SHARE OF r`, resourceID))
		if err != nil {
			return dbErr(err)
		}
		switch {
		case cur.Owner == nil:
			return fault.New(fault.Conflict, "resource %d is in the public sea: pick it instead of referring it", resourceID)
		case cur.Owner.ID == fromUser:
			return fault.New(fault.Conflict, "resource %d is already yours", resourceID)
		}
		err = tx.QueryRow(ctx, `INSERT INTO referrals (resource_id, from_user, to_user, note, lead)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, resourceID, fromUser, cur.Owner.ID, note, lead).Scan(&id)
		if err != nil {
			return dbErr(err)
		}
		if err := notify(ctx, tx, cur.Owner.ID, people.NotifyReferral, resourceSubject(resourceID),
			"a lead was referred to you for "+cur.Name, ""); err != nil {
			return err
		}
		return audit(ctx, tx, &fromUser, "referral.create", resourceSubject(resourceID), map[string]any{"referral": id, "to": cur.Owner.ID})
	})
	if err != nil {
		return collision.Referral{}, err
	}
	rs, err := s.listReferrals(ctx, `rf.id = $1`, id)
	if err != nil || len(rs) == 0 {
		return collision.Referral{}, dbErr(err)
	}
	return rs[0], nil
}

// ReferralsTo lists the referrals handed to a user, newest first.
func (s *Store) ReferralsTo(ctx context.Context, userID int64) ([]collision.Referral, error) {
	return s.listReferrals(ctx, `rf.to_user = $1`, userID)
}

// ReferralsFrom lists the referrals a user made, newest first.
func (s *Store) ReferralsFrom(ctx context.Context, userID int64) ([]collision.Referral, error) {
	return s.listReferrals(ctx, `rf.from_user = $1`, userID)
}

// ReferralsOfResource lists the referrals of a resource, newest first.
func (s *Store) ReferralsOfResource(ctx context.Context, id int64) ([]collision.Referral, error) {
	return s.listReferrals(ctx, `rf.resource_id = $1`, id)
}

// listReferrals selects referrals by a fixed condition on one parameter.
func (s *Store) listReferrals(ctx context.Context, where string, arg int64) ([]collision.Referral, error) {
	rows, err := s.pool.Query(ctx, `SELECT rf.id, rf.resource_id, r.name, f.id, f.name, t.id, t.name, rf.note, rf.lead,
			rf.created_at, rf.read_at
		FROM referrals rf JOIN resources r ON r.id = rf.resource_id
		JOIN users f ON f.id = rf.from_user JOIN users t ON t.id = rf.to_user
		WHERE `+where+` ORDER BY rf.created_at DESC, rf.id DESC LIMIT 200`, arg)
	if err != nil {
		return nil, dbErr(err)
	}
	rs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (collision.Referral, error) {
		var r collision.Referral
		return r, row.Scan(&r.ID, &r.ResourceID, &r.Resource, &r.From.ID, &r.From.Name, &r.To.ID, &r.To.Name,
			&r.Note, &r.Lead, &r.CreatedAt, &r.ReadAt)
	})
	return rs, dbErr(err)
}
