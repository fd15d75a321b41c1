package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/resource"
)

// ContactInput is a contact as added or as it becomes after an edit: an
// edit replaces every field and the contact's numbers.
type ContactInput struct {
	Name, Title, Email, TradeManagerID string
	Numbers                            []resource.Number
}

// ContactChange is an add, edit or removal of one contact of a resource
// (R19). A contact's numbers are collision keys like the resource's own: the
// search runs over them in the change's transaction, and a hit refuses the
// change with the hits (R2, R12).
type ContactChange struct {
	ResourceID int64
	ContactID  int64 // 0: add
	ActorID    int64
	Input      *ContactInput // nil: remove
	// May runs on the locked resource; its error refuses the change (the
	// caller's ownership check).
	May func(resource.Resource) error
}

// ChangeContact applies the change and returns the contact's id. A removed
// contact stays (notes name it) without its numbers; the resource must keep
// a contact and a number (R17).
func (s *Store) ChangeContact(ctx context.Context, c ContactChange) (int64, error) {
	var keys []collision.Key
	id := c.ContactID
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := lockResource(ctx, tx, c.ResourceID, lockForUpdate, c.May)
		if err != nil {
			return err
		}
		if err := holdsItsKeys(ctx, tx, cur); err != nil {
			return err
		}
		before := map[string]any{}
		if id != 0 {
			if before, err = lockContact(ctx, tx, c.ResourceID, id); err != nil {
				return err
			}
		}
		action := "resource.contact_add"
		switch {
		case c.Input == nil:
			action = "resource.contact_remove"
			err = removeContact(ctx, tx, id)
		case id == 0:
			err = tx.QueryRow(ctx, `INSERT INTO contacts (resource_id, name, title, email, trade_manager_id)
				VALUES ($1, $2, nullif($3, ''), nullif($4, ''), nullif($5, '')) RETURNING id`,
				c.ResourceID, c.Input.Name, c.Input.Title, c.Input.Email, c.Input.TradeManagerID).Scan(&id)
		default:
			action = "resource.contact_edit"
			_, err = tx.Exec(ctx, `UPDATE contacts SET name = $2, title = nullif($3, ''), email = nullif($4, ''),
				trade_manager_id = nullif($5, ''), updated_at = now() WHERE id = $1`,
				id, c.Input.Name, c.Input.Title, c.Input.Email, c.Input.TradeManagerID)
		}
		if err != nil {
			return dbErr(err)
		}
		if c.Input != nil {
			if _, err := tx.Exec(ctx, `DELETE FROM resource_numbers WHERE contact_id = $1`, id); err != nil {
				return dbErr(err)
			}
			if err := insertNumbers(ctx, tx, c.ResourceID, &id, c.Input.Numbers); err != nil {
				return err
			}
		}
		if err := keepsContactAndNumber(ctx, tx, c.ResourceID); err != nil {
			return err
		}
		if keys, err = syncKeys(ctx, tx, cur); err != nil {
			return err
		}
		after := map[string]any{}
		if c.Input != nil {
			after = contactAudit(c.Input.Name, c.Input.Title, c.Input.Email, c.Input.TradeManagerID, c.Input.Numbers)
		}
		if _, err := tx.Exec(ctx, `UPDATE resources SET updated_at = now() WHERE id = $1`, c.ResourceID); err != nil {
			return dbErr(err)
		}
		if err := rekeyLikeness(ctx, tx, c.ResourceID); err != nil {
			return err
		}
		return audit(ctx, tx, &c.ActorID, action, resourceSubject(c.ResourceID), map[string]any{
			"contact": id, "before": before, "after": after, "search": map[string]any{"keys": len(keys), "hits": 0}})
	})
	if errors.Is(err, errKeyTaken) {
		return 0, s.raceLost(ctx, keys, c.ResourceID)
	}
	return id, err
}

// holdsItsKeys refuses contact changes on a record that does not hold its
// collision keys: a closed record (R7), or an individual twin whose
// enterprise record still holds them (once the twin is the record kept,
// the keys have moved to it).
func holdsItsKeys(ctx context.Context, tx pgx.Tx, r resource.Resource) error {
	if r.Sea == resource.SeaClosed {
		return fault.New(fault.Conflict, "resource %d is closed: the customer is kept on its other record", r.ID)
	}
	if r.TwinOf == nil {
		return nil
	}
	var sea string
	if err := tx.QueryRow(ctx, `SELECT sea FROM resources WHERE id = $1`, *r.TwinOf).Scan(&sea); err != nil {
		return dbErr(err)
	}
	if sea != resource.SeaClosed {
		return fault.New(fault.Conflict, "resource %d is the individual twin of %d, which holds the keys: change the contacts there", r.ID, *r.TwinOf)
	}
	return nil
}

// lockContact locks a current contact of the resource and returns it as the
// audit records it.
func lockContact(ctx context.Context, tx pgx.Tx, resourceID, id int64) (map[string]any, error) {
	var name, title, email, tm string
	err := tx.QueryRow(ctx, `SELECT name, coalesce(title, ''), coalesce(email, ''), coalesce(trade_manager_id, '')
		FROM contacts WHERE id = $1 AND resource_id = $2 AND removed_at IS NULL FOR UPDATE`, id, resourceID).Scan(&name, &title, &email, &tm)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fault.New(fault.NotFound, "resource %d has no contact %d", resourceID, id)
	}
	if err != nil {
		return nil, dbErr(err)
	}
	rows, err := tx.Query(ctx, `SELECT type, raw, normalized, extension, line, contact_id FROM resource_numbers WHERE contact_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, dbErr(err)
	}
	ns, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resource.Number, error) {
		var n resource.Number
		return n, row.Scan(&n.Type, &n.Raw, &n.Normalized, &n.Extension, &n.Line, &n.ContactID)
	})
	return contactAudit(name, title, email, tm, ns), dbErr(err)
}

func contactAudit(name, title, email, tm string, ns []resource.Number) map[string]any {
	numbers := []string{}
	for _, n := range ns {
		numbers = append(numbers, n.Type+":"+n.Normalized)
	}
	return map[string]any{"name": name, "title": title, "email": email, "trade_manager_id": tm, "numbers": numbers}
}

func removeContact(ctx context.Context, tx pgx.Tx, id int64) error {
	if _, err := tx.Exec(ctx, `DELETE FROM resource_numbers WHERE contact_id = $1`, id); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `UPDATE contacts SET removed_at = now(), updated_at = now() WHERE id = $1`, id)
	return err
}

// keepsContactAndNumber refuses a change leaving the resource without a
// contact or without any number (R17).
func keepsContactAndNumber(ctx context.Context, tx pgx.Tx, id int64) error {
	var contacts, numbers int
	err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM contacts WHERE resource_id = $1 AND removed_at IS NULL),
		(SELECT count(*) FROM resource_numbers WHERE resource_id = $1)`, id).Scan(&contacts, &numbers)
	switch {
	case err != nil:
		return dbErr(err)
	case contacts == 0:
		return fault.Invalidf([]fault.FieldError{{Field: "contact", Reason: "the resource would keep no contact (R17)"}}, "the last contact stays")
	case numbers == 0:
		return fault.Invalidf([]fault.FieldError{{Field: "numbers", Reason: "the resource would keep no number at all (R17)"}}, "the last number stays")
	}
	return nil
}

// syncKeys makes the resource hold exactly its company key and the numbers
// of it and its contacts, after searching them against everyone else. A hit
// is a Collision with the hits; a key a concurrent change took is
// errKeyTaken.
func syncKeys(ctx context.Context, tx pgx.Tx, r resource.Resource) ([]collision.Key, error) {
	numbers, err := numbersOf(ctx, tx, r.ID)
	if err != nil {
		return nil, err
	}
	keys := []collision.Key{{Type: collision.KeyCompany, Value: r.CompanyKey}}
	for _, n := range numbers {
		keys = append(keys, collision.Key{Type: collision.KeyNumber, Value: n.Normalized})
	}
	keys = distinctKeys(keys)
	if err := yieldCorrectionKeys(ctx, tx, r.ID, keys); err != nil {
		return keys, err
	}
	hits, err := findHitsTx(ctx, tx, keys, r.ID)
	if err != nil {
		return keys, err
	}
	if len(hits) > 0 {
		return keys, CollisionError(hits)
	}
	types, values := splitKeys(keys)
	if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE resource_id = $1
		AND (key_type, key) NOT IN (SELECT t, v FROM unnest($2::text[], $3::text[]) AS k(t, v))`, r.ID, types, values); err != nil {
		return keys, dbErr(err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO collision_keys (key_type, key, resource_id)
		SELECT t, v, $1 FROM unnest($2::text[], $3::text[]) AS k(t, v)
		WHERE NOT EXISTS (SELECT 1 FROM collision_keys c WHERE c.key_type = k.t AND c.key = k.v AND c.resource_id = $1)`,
		r.ID, types, values)
	if isUniqueViolation(err, "collision_keys_pkey") {
		return keys, errKeyTaken
	}
	return keys, dbErr(err)
}
