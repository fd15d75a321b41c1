package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/people"
)

// MetCollision is a refused change and the keys it hit.
type MetCollision struct {
	Action     string
	ActorID    int64
	ResourceID *int64 // the resource edited (identity edit, contact change)
	Hits       []collision.Hit
}

// RecordCollision keeps a refused change's hits for the 360 of the
// resources involved (R20). A collision of an edit is new information about
// resources already owned (R12): the owner of the resource edited, the
// owner of each resource or application hit and every sales support user
// are told, once per hit and key.
func (s *Store) RecordCollision(ctx context.Context, c MetCollision) error {
	if len(c.Hits) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		for _, h := range c.Hits {
			_, err := tx.Exec(ctx, `INSERT INTO collisions (actor_id, action, resource_id, hit_resource_id, hit_application_id, key_type, key)
				VALUES ($1, $2, $3, nullif($4, 0), nullif($5, 0), $6, $7)`,
				c.ActorID, c.Action, c.ResourceID, h.ResourceID, h.ApplicationID, h.Key.Type, h.Key.Value)
			if err != nil {
				return dbErr(err)
			}
		}
		if c.ResourceID == nil {
			return nil
		}
		return reportEditCollision(ctx, tx, c)
	})
}

// reportEditCollision notifies both owners and sales support of an edit's
// collision, once per edited resource, resource or application hit, and key:
// retrying the same refused edit tells nobody twice. The owner of a hit
// application is the rep it was filed for.
func reportEditCollision(ctx context.Context, tx pgx.Tx, c MetCollision) error {
	var editedOwner *int64
	if err := tx.QueryRow(ctx, `SELECT owner_id FROM resources WHERE id = $1`, *c.ResourceID).Scan(&editedOwner); err != nil {
		return dbErr(err)
	}
	for _, h := range c.Hits {
		what, subject := fmt.Sprintf("resource %d (%s)", h.ResourceID, h.Name), resourceSubject(h.ResourceID)
		if h.ResourceID == 0 {
			what, subject = fmt.Sprintf("application %d (%s)", h.ApplicationID, h.Name), appSubject(h.ApplicationID)
		}
		body := fmt.Sprintf("an edit of resource %d collided with %s on %s %s", *c.ResourceID, what, h.Key.Type, h.Key.Value)
		dedup := fmt.Sprintf("collision:%s:%s:%s:%s", resourceSubject(*c.ResourceID), subject, h.Key.Type, h.Key.Value)
		var users []int64
		if editedOwner != nil {
			users = append(users, *editedOwner)
		}
		if h.Owner != nil && (editedOwner == nil || h.Owner.ID != *editedOwner) {
			users = append(users, h.Owner.ID)
		}
		for _, u := range users {
			if err := notify(ctx, tx, u, people.NotifyCollision, subject, body, dedup+":"+strconv.FormatInt(u, 10)); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO notifications (user_id, kind, subject, body, dedup)
			SELECT id, $1, $2, $3, $4 || ':' || id FROM users WHERE role = 'support' AND disabled_at IS NULL
			ON CONFLICT (dedup) DO NOTHING`, people.NotifyCollision, resourceSubject(*c.ResourceID), body, dedup)
		if err != nil {
			return dbErr(err)
		}
	}
	return nil
}

// CollisionsOf lists the collisions a resource met, as the one edited or the
// one hit, oldest first.
func (s *Store) CollisionsOf(ctx context.Context, id int64) ([]collision.Record, error) {
	rows, err := s.pool.Query(ctx, `SELECT c.at, u.id, u.name, c.action, c.resource_id, c.hit_resource_id, c.hit_application_id,
			c.key_type, c.key
		FROM collisions c LEFT JOIN users u ON u.id = c.actor_id
		WHERE c.hit_resource_id = $1 OR c.resource_id = $1 ORDER BY c.id LIMIT 500`, id)
	if err != nil {
		return nil, dbErr(err)
	}
	cs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (collision.Record, error) {
		var c collision.Record
		var uid *int64
		var uname *string
		err := row.Scan(&c.At, &uid, &uname, &c.Action, &c.ResourceID, &c.HitResourceID, &c.HitAppID, &c.Key.Type, &c.Key.Value)
		c.Actor = ref(uid, uname)
		return c, err
	})
	return cs, dbErr(err)
}
