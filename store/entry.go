package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
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
	// Public: the resource enters the public sea, with no owner, no
	// protection and no capacity (EnterPublicRows; EnterResource enters a
	// private sea only). CreatedBy names who entered it (the owner when 0).
	Public    bool
	CreatedBy int64
	// Note, when set, is written as the resource's first contact note, by
	// its creator, about its first contact (an import's 备注 column).
	Note string
	// Likeness, when set, raises the possible duplicates the entry meets
	// (疑似撞单) in its transaction, without a round trip of its own.
	Likeness *LikenessCheck
	// Row, when set, is the import row this entry commits: its result is
	// written in the same transaction, and an entry for a row already
	// done is refused with ErrRowDone, so a retried batch enters no row twice.
	Row *ImportRowRef
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
//
// An entry takes four round trips whatever it holds: BEGIN with the
// capacity peek, the search and the new rows' ids; the rows, read back
// whole; history and audit, the workflow commands and the capacity counter;
// COMMIT. Completing an application and a dual entry's twin take more, and
// so does an entry that meets a possible duplicate worth reading (one).
func (s *Store) EnterResource(ctx context.Context, nr NewResource, within Within) (resource.Resource, error) {
	keys := nr.Keys()
	places := 1
	if nr.Dual { // the twin needs a second place
		places = 2
	}
	var rep people.User
	var hits []collision.Hit
	var ids entryIDs
	var res resource.Resource
	nr.Public = false // EnterPublicRows enters the public sea
	if nr.CreatedBy == 0 {
		nr.CreatedBy = nr.OwnerID
	}
	first := func(b *pgx.Batch) {
		if nr.ApplicationID == 0 {
			queuePeek(b, nr.OwnerID, places, nr.Capacity, &rep)
			queueEntrySearch(b, keys, &hits)
		}
		queueEntryIDs(b, len(nr.Contacts), &ids)
		if nr.Likeness != nil {
			nr.Likeness.queueRead(b, entryProfile(0, nr))
		}
	}
	err := s.inBatchTx(ctx, first, func(tx pgx.Tx) error {
		entered := func(int64) error { return nil }
		if nr.ApplicationID != 0 {
			// The application's own keys are freed before the search.
			if _, err := peekCapacity(ctx, tx, nr.OwnerID, places, nr.Capacity); err != nil {
				return err
			}
			var err error
			if entered, err = takeApplication(ctx, tx, s.now(), nr.ApplicationID, nr.OwnerID); err != nil {
				return err
			}
			var b pgx.Batch
			queueEntrySearch(&b, keys, &hits)
			if err := send(ctx, tx, &b); err != nil {
				return err
			}
		}
		if len(hits) > 0 {
			return CollisionError(hits)
		}
		if nr.Likeness != nil {
			if err := nr.Likeness.readCandidates(ctx, tx); err != nil {
				return err
			}
		}
		var b pgx.Batch
		queueEntryRows(&b, nr, ids)
		queueKeys(&b, "resource_id", ids.resource, keys)
		queueLikenessKeys(&b, []likeness.Profile{entryProfile(ids.resource, nr)})
		if nr.Likeness != nil {
			if err := nr.Likeness.queueRaise(&b, ids.resource, nr.CreatedBy); err != nil {
				return err
			}
		}
		queueFirstNote(&b, nr, ids)
		queueRowEntered(&b, nr.Row, ids.resource)
		queueWhole(&b, ids.resource, &res)
		if err := keyTaken(send(ctx, tx, &b)); err != nil {
			return err
		}
		b = pgx.Batch{}
		queueMove(&b, res, nil, nr.Change, "resource.enter", nil)
		if err := entered(res.ID); err != nil {
			return err
		}
		if within != nil {
			cmds, err := within(res)
			if err != nil {
				return err
			}
			if err := queueCommands(&b, cmds); err != nil {
				return err
			}
		}
		if nr.Dual {
			if err := movedMeanwhile(send(ctx, tx, &b)); err != nil {
				return err
			}
			b = pgx.Batch{}
			twin, err := enterTwin(ctx, tx, res, nr)
			if err != nil {
				return err
			}
			if err := run(ctx, tx, within, twin); err != nil {
				return err
			}
			queueWhole(&b, res.ID, &res) // now with its twin's id
		}
		queueTakePlaces(&b, nr.OwnerID, places, nr.Capacity)
		return movedMeanwhile(send(ctx, tx, &b))
	})
	if errors.Is(err, errKeyTaken) {
		return resource.Resource{}, s.raceLost(ctx, keys, 0)
	}
	return res, err
}

// entryIDs are the ids an entry's rows will have, drawn before they are
// inserted so that all of them go in one round trip.
type entryIDs struct {
	resource int64
	contacts []int64
}

// queueEntryIDs draws the ids of a resource and its n contacts.
func queueEntryIDs(b *pgx.Batch, n int, ids *entryIDs) {
	b.Queue(`SELECT nextval(pg_get_serial_sequence('resources', 'id')),
		ARRAY(SELECT nextval(pg_get_serial_sequence('contacts', 'id')) FROM generate_series(1, $1))`, n).
		QueryRow(func(row pgx.Row) error { return dbErr(row.Scan(&ids.resource, &ids.contacts)) })
}

// queueEntryRows inserts the resource, its contacts and every number (the
// resource's own first, then each contact's, in the order given) with the
// ids drawn for them.
func queueEntryRows(b *pgx.Batch, nr NewResource, ids entryIDs) {
	sea, owner, until := resource.SeaPrivate, &nr.OwnerID, &nr.ProtectedUntil
	if nr.Public {
		sea, owner, until = resource.SeaPublic, nil, nil
	}
	b.Queue(`INSERT INTO resources (id, kind, name, region, company_key,
			name_region, trade_name, industry, org_form, sea, owner_id, protected_until, created_by,
			protection_rule, protection_rule_version) OVERRIDING SYSTEM VALUE
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $14, $10, $11, $15, nullif($12, ''), nullif($13, ''))`,
		ids.resource, nr.Kind, nr.Name, nr.Region, nr.CompanyKey, nr.Parts.Region, nr.Parts.TradeName, nr.Parts.Industry,
		nr.Parts.OrgForm, owner, until, nr.Change.Rule, nr.Change.RuleVersion, sea, nr.CreatedBy)
	var names, titles, emails, trade []string
	var owners []int64 // per number: its contact's id, 0 for the resource's own
	var types, raws, normalized, extensions, lines []string
	addNumbers := func(contact int64, ns []resource.Number) {
		for _, n := range ns {
			owners, types, raws, normalized = append(owners, contact), append(types, n.Type), append(raws, n.Raw), append(normalized, n.Normalized)
			extensions, lines = append(extensions, n.Extension), append(lines, n.Line)
		}
	}
	addNumbers(0, nr.Numbers)
	for i, c := range nr.Contacts {
		names, titles, emails, trade = append(names, c.Name), append(titles, c.Title), append(emails, c.Email), append(trade, c.TradeManagerID)
		addNumbers(ids.contacts[i], c.Numbers)
	}
	if len(names) > 0 {
		b.Queue(`INSERT INTO contacts (id, resource_id, name, title, email, trade_manager_id) OVERRIDING SYSTEM VALUE
			SELECT i, $2, n, nullif(t, ''), nullif(e, ''), nullif(m, '')
			FROM unnest($1::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(i, n, t, e, m)`,
			ids.contacts, ids.resource, names, titles, emails, trade)
	}
	if len(types) > 0 {
		b.Queue(`INSERT INTO resource_numbers (resource_id, contact_id, type, raw, normalized, extension, line)
			SELECT $1, nullif(c, 0), t, r, n, e, coalesce(nullif(l, ''), 'other')
			FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
				WITH ORDINALITY AS x(c, t, r, n, e, l, i) ORDER BY i`,
			ids.resource, owners, types, raws, normalized, extensions, lines)
	}
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
