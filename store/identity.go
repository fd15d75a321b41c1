package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/resource"
)

// UpdateIdentity replaces the identity of resource id and re-runs the
// collision search in the same transaction (R12): the new company key and
// every number of the resource and its contacts against every other
// resource. A collision is a Collision fault with the hits and changes
// nothing. may runs on the locked current row; its error refuses the edit
// (the caller's ownership check, immune to a concurrent change of owner).
//
// While a name correction is open on the resource (R10), an edit giving the
// company applied for completes it — the application's reserved keys pass
// to the resource — before its deadline; an edit giving any other company
// is refused, and edits that keep the name leave the correction open.
func (s *Store) UpdateIdentity(ctx context.Context, id int64, actorID int64, in resource.Identity, may func(resource.Resource) error) (resource.Resource, error) {
	var keys []collision.Key
	var res resource.Resource
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := lockResource(ctx, tx, id, lockForUpdate, may)
		if err != nil {
			return err
		}
		numbers, err := numbersOf(ctx, tx, id)
		if err != nil {
			return err
		}
		fix, err := openCorrection(ctx, tx, id)
		if err != nil {
			return err
		}
		corrected := false
		if fix != nil {
			if corrected, err = fix.check(s, cur.CompanyKey, in.CompanyKey); err != nil {
				return err
			}
			if corrected {
				if err := fix.release(ctx, tx); err != nil {
					return err
				}
			}
		}
		keys = identityKeys(in, numbers)
		if fix != nil && !corrected {
			if err := yieldCorrectionKeys(ctx, tx, id, keys); err != nil {
				return err
			}
		}
		hits, err := findHitsTx(ctx, tx, keys, id)
		if err != nil {
			return err
		}
		if len(hits) > 0 {
			return CollisionError(hits)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE resource_id = $1`, id); err != nil {
			return dbErr(err)
		}
		if err := insertKeys(ctx, tx, id, keys); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE resources SET kind = $2, name = $3, region = $4, company_key = $5,
			name_region = $6, trade_name = $7, industry = $8, org_form = $9, updated_at = now() WHERE id = $1`,
			id, in.Kind, in.Name, in.Region, in.CompanyKey, in.Parts.Region, in.Parts.TradeName, in.Parts.Industry, in.Parts.OrgForm)
		if err != nil {
			return dbErr(err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM resource_numbers WHERE resource_id = $1 AND contact_id IS NULL`, id); err != nil {
			return dbErr(err)
		}
		if err := insertNumbers(ctx, tx, id, nil, in.Numbers); err != nil {
			return err
		}
		if res, err = getResource(ctx, tx, id); err != nil {
			return err
		}
		if err := rekeyLikeness(ctx, tx, id); err != nil {
			return err
		}
		search := map[string]any{"keys": len(keys), "hits": 0, "at": s.now().UTC()}
		if corrected {
			if err := fix.complete(ctx, tx, actorID, search); err != nil {
				return err
			}
		}
		return audit(ctx, tx, &actorID, "resource.identity", resourceSubject(id), map[string]any{
			"before": identityOf(cur, numbers), "after": identityOf(res, in.Numbers),
			"search": search, "name_correction": corrected,
		})
	})
	if errors.Is(err, errKeyTaken) {
		return resource.Resource{}, s.raceLost(ctx, keys, id)
	}
	return res, err
}

// identityKeys are the keys of an edited identity: its company key and own
// numbers, and the numbers its contacts keep.
func identityKeys(in resource.Identity, current []resource.Number) []collision.Key {
	keys := []collision.Key{{Type: collision.KeyCompany, Value: in.CompanyKey}}
	for _, n := range in.Numbers {
		keys = append(keys, collision.Key{Type: collision.KeyNumber, Value: n.Normalized})
	}
	for _, n := range current {
		if n.ContactID != nil {
			keys = append(keys, collision.Key{Type: collision.KeyNumber, Value: n.Normalized})
		}
	}
	return distinctKeys(keys)
}

// identityOf is the audit record of an identity.
func identityOf(r resource.Resource, numbers []resource.Number) map[string]any {
	own := []string{}
	for _, n := range numbers {
		if n.ContactID == nil {
			own = append(own, n.Type+":"+n.Normalized)
		}
	}
	return map[string]any{"kind": r.Kind, "name": r.Name, "region": r.Region, "company_key": r.CompanyKey, "numbers": own}
}
