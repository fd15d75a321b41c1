package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/resource"
)

// NewResource is a self-entry into a rep's private sea.
type NewResource struct {
	Kind, Name, Region, CompanyKey string
	Parts                          resource.NameParts
	Numbers                        []resource.Number // the resource's own numbers
	Contacts                       []NewContact
	OwnerID                        int64
	ProtectedUntil                 time.Time
	Change                         resource.Change // path, rule and version of the decision
	Capacity                       CapacityCheck   // nil: no limit
	// Dual: the kind is not known yet (R7). The resource is entered as an
	// enterprise record holding every key, plus an individual twin that
	// holds none; both count against capacity.
	Dual bool
	// ApplicationID completes an approved self-entry application (R9).
	ApplicationID int64
}

// NewContact is a contact entered with a resource, with its own numbers.
type NewContact struct {
	Name, Title, Email, TradeManagerID string
	Numbers                            []resource.Number
}

// Keys returns every collision key of the entry: its company key and each
// distinct normalised number of the resource and its contacts.
func (nr NewResource) Keys() []collision.Key {
	keys := []collision.Key{{Type: collision.KeyCompany, Value: nr.CompanyKey}}
	add := func(ns []resource.Number) {
		for _, n := range ns {
			keys = append(keys, collision.Key{Type: collision.KeyNumber, Value: n.Normalized})
		}
	}
	add(nr.Numbers)
	for _, c := range nr.Contacts {
		add(c.Numbers)
	}
	return distinctKeys(keys)
}

// EnterResource inserts a resource straight into its owner's private sea,
// claiming its collision keys in the same transaction (R1, R6). When any key
// is held by another resource it returns a Collision fault with the hits and
// writes nothing. within runs inside the transaction after every write and
// before the commit: the workflow commands it returns are recorded with the
// move, and its error rolls everything back.
func (s *Store) EnterResource(ctx context.Context, nr NewResource, within Within) (resource.Resource, error) {
	keys := nr.Keys()
	var res resource.Resource
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		places := 1
		if nr.Dual { // the twin needs a second place
			places = 2
		}
		if _, err := peekCapacity(ctx, tx, nr.OwnerID, places, nr.Capacity); err != nil {
			return err
		}
		entered := func(int64) error { return nil }
		if nr.ApplicationID != 0 {
			var err error
			if entered, err = takeApplication(ctx, tx, s.now(), nr.ApplicationID, nr.OwnerID); err != nil {
				return err
			}
		}
		hits, err := findHitsTx(ctx, tx, keys, 0)
		if err != nil {
			return err
		}
		if len(hits) > 0 {
			return CollisionError(hits)
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO resources (kind, name, region, company_key,
			name_region, trade_name, industry, org_form, sea, owner_id, protected_until, created_by,
			protection_rule, protection_rule_version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'private', $9, $10, $9, nullif($11, ''), nullif($12, '')) RETURNING id`,
			nr.Kind, nr.Name, nr.Region, nr.CompanyKey, nr.Parts.Region, nr.Parts.TradeName, nr.Parts.Industry,
			nr.Parts.OrgForm, nr.OwnerID, nr.ProtectedUntil, nr.Change.Rule, nr.Change.RuleVersion).Scan(&id)
		if err != nil {
			return dbErr(err)
		}
		if err := insertNumbers(ctx, tx, id, nil, nr.Numbers); err != nil {
			return err
		}
		for _, c := range nr.Contacts {
			var cid int64
			err := tx.QueryRow(ctx, `INSERT INTO contacts (resource_id, name, title, email, trade_manager_id)
				VALUES ($1, $2, nullif($3, ''), nullif($4, ''), nullif($5, '')) RETURNING id`,
				id, c.Name, c.Title, c.Email, c.TradeManagerID).Scan(&cid)
			if err != nil {
				return dbErr(err)
			}
			if err := insertNumbers(ctx, tx, id, &cid, c.Numbers); err != nil {
				return err
			}
		}
		if err := insertKeys(ctx, tx, id, keys); err != nil {
			return err
		}
		if res, err = getWhole(ctx, tx, id); err != nil {
			return err
		}
		if err := recordMove(ctx, tx, res, nil, nr.Change, "resource.enter", nil); err != nil {
			return err
		}
		if err := entered(id); err != nil {
			return err
		}
		if err := run(ctx, tx, within, res); err != nil {
			return err
		}
		if nr.Dual {
			twin, err := enterTwin(ctx, tx, res, nr)
			if err != nil {
				return err
			}
			if err := run(ctx, tx, within, twin); err != nil {
				return err
			}
			if res, err = getWhole(ctx, tx, id); err != nil { // now with its twin's id
				return err
			}
		}
		return takePlaces(ctx, tx, nr.OwnerID, places, nr.Capacity)
	})
	if errors.Is(err, errKeyTaken) {
		return resource.Resource{}, s.raceLost(ctx, keys, 0)
	}
	return res, err
}

// insertNumbers inserts a holder's numbers in one statement.
func insertNumbers(ctx context.Context, tx pgx.Tx, resourceID int64, contactID *int64, ns []resource.Number) error {
	if len(ns) == 0 {
		return nil
	}
	var types, raws, normalized, extensions, lines []string
	for _, n := range ns {
		types, raws, normalized = append(types, n.Type), append(raws, n.Raw), append(normalized, n.Normalized)
		extensions, lines = append(extensions, n.Extension), append(lines, n.Line)
	}
	_, err := tx.Exec(ctx, `INSERT INTO resource_numbers (resource_id, contact_id, type, raw, normalized, extension, line)
		SELECT $1, $2, t, r, n, e, coalesce(nullif(l, ''), 'other')
		FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS x(t, r, n, e, l, i) ORDER BY i`,
		resourceID, contactID, types, raws, normalized, extensions, lines)
	return dbErr(err)
}

// enterTwin adds the individual twin of a dual entry: the same customer as
// a person, with copies of its numbers for the reader but no collision keys
// (the enterprise record holds them; keys are unique).
func enterTwin(ctx context.Context, tx pgx.Tx, primary resource.Resource, nr NewResource) (resource.Resource, error) {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO resources (kind, name, region, company_key, name_region, trade_name,
			industry, org_form, sea, owner_id, protected_until, created_by, twin_of, protection_rule, protection_rule_version)
		SELECT 'individual', name, region, company_key, name_region, trade_name, industry, org_form,
			'private', owner_id, protected_until, created_by, id, protection_rule, protection_rule_version FROM resources WHERE id = $1 RETURNING id`, primary.ID).Scan(&id)
	if err != nil {
		return resource.Resource{}, dbErr(err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO resource_numbers (resource_id, type, raw, normalized, extension, line)
		SELECT $2, type, raw, normalized, extension, line FROM resource_numbers WHERE resource_id = $1`, primary.ID, id); err != nil {
		return resource.Resource{}, dbErr(err)
	}
	twin, err := getResource(ctx, tx, id)
	if err != nil {
		return resource.Resource{}, err
	}
	return twin, recordMove(ctx, tx, twin, nil, nr.Change, "resource.enter", map[string]any{"twin_of": primary.ID})
}
