package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/namekey"
)

// The likeness index is kept by the transactions that change what it is
// made of — an entry, an identity edit, a contact's change — so that it
// never says what a committed resource no longer is. Resources entered
// before it existed, or keyed by an older likeness.KeysVersion, are keyed by
// KeyLikeness.

// contactsLateral reads the names and mail addresses of resource r's
// current contacts, for a profile (LEFT JOIN LATERAL … c ON true).
const contactsLateral = `SELECT array_agg(name ORDER BY id) AS names,
		array_agg(email ORDER BY id) FILTER (WHERE email IS NOT NULL) AS emails
	FROM contacts WHERE resource_id = r.id AND removed_at IS NULL`

// profilesSQL reads what the likeness profiles of resources $1 need; twin
// is a dual entry's twin, which holds no keys (its enterprise record does).
const profilesSQL = `SELECT r.id, r.name, r.region, r.twin_of IS NOT NULL, coalesce(c.names, '{}'), coalesce(c.emails, '{}')
	FROM resources r LEFT JOIN LATERAL (` + contactsLateral + `) c ON true
	WHERE r.id = ANY($1) ORDER BY r.id`

// readProfiles reads the likeness profiles of resources ids; a twin's is
// empty but for its id, so that it is keyed with nothing.
func readProfiles(ctx context.Context, q rowsQuerier, ids []int64) ([]likeness.Profile, error) {
	rows, err := q.Query(ctx, profilesSQL, ids)
	if err != nil {
		return nil, dbErr(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (likeness.Profile, error) {
		var id int64
		var name, region string
		var twin bool
		var contacts, emails []string
		if err := row.Scan(&id, &name, &region, &twin, &contacts, &emails); err != nil || twin {
			return likeness.Profile{ID: id}, err
		}
		return likeness.New(id, name, namekey.Parse(name), region, contacts, emails), nil
	})
	return out, dbErr(err)
}

// queueLikenessKeys replaces the likeness keys of each profile's resource
// with the profile's, each carrying what likeness.Sketch reads of it, and
// records the version they were made by.
func queueLikenessKeys(b *pgx.Batch, ps []likeness.Profile) {
	var ids, keyed, keyIDs []int64
	var kinds, values, prefs, trades, industries []string
	var contacts []*string // joined; nil: too many to carry
	for _, p := range ps {
		ids = append(ids, p.ID)
		ks := likeness.Keys(p)
		if len(ks) == 0 {
			continue
		}
		keyed = append(keyed, p.ID)
		prefs, trades, industries = append(prefs, p.Prefecture), append(trades, p.TradeName), append(industries, p.Industry)
		contacts = append(contacts, carriedContacts(p.Contacts))
		for _, k := range ks {
			keyIDs, kinds, values = append(keyIDs, p.ID), append(kinds, k.Kind), append(values, k.Value)
		}
	}
	b.Queue(`DELETE FROM likeness_keys WHERE resource_id = ANY($1)`, ids)
	if len(keyIDs) > 0 {
		b.Queue(`INSERT INTO likeness_keys (resource_id, kind, value, prefecture, trade_name, industry, contacts)
			SELECT k.id, k.kind, k.value, p.pref, p.trade, p.industry,
				p.contacts
			FROM unnest($1::bigint[], $2::text[], $3::text[]) AS k(id, kind, value)
			JOIN unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[]) AS p(id, pref, trade, industry, contacts) USING (id)`,
			keyIDs, kinds, values, keyed, prefs, trades, industries, contacts)
	}
	b.Queue(`UPDATE resources SET likeness_keyed = $2 WHERE id = ANY($1)`, ids, likeness.KeysVersion)
}

// carriedContacts are the contact names a key carries, joined by
// contactSeparator; nil when they are too many or too long to carry in an
// index entry, or one holds the separator (the search then reads the
// resource).
func carriedContacts(names []string) *string {
	size := 0
	for _, n := range names {
		size += len(n)
		if strings.Contains(n, contactSeparator) {
			return nil
		}
	}
	if len(names) > maxCarriedContacts || size > maxCarriedBytes {
		return nil
	}
	s := strings.Join(names, contactSeparator)
	return &s
}

// contactSeparator joins the carried contact names as the search reads
// them (the unit separator, which no name typed holds).
const contactSeparator = "\x1f"

// A b-tree entry holds at most ~2,700 bytes; the key's own value, city,
// trade name and industry take well under a tenth of it.
const (
	maxCarriedContacts = 32
	maxCarriedBytes    = 1024
)

// entryProfile is the likeness profile of an entry, made as the stored row
// will be read back.
func entryProfile(id int64, nr NewResource) likeness.Profile {
	var names, emails []string
	for _, c := range nr.Contacts {
		names = append(names, c.Name)
		if c.Email != "" {
			emails = append(emails, c.Email)
		}
	}
	return likeness.New(id, nr.Name, namekey.Parse(nr.Name), nr.Region, names, emails)
}

// rekeyLikeness keys resources ids again from their rows, inside tx: two
// round trips whatever their number.
func rekeyLikeness(ctx context.Context, tx pgx.Tx, ids ...int64) error {
	ps, err := readProfiles(ctx, tx, ids)
	if err != nil || len(ps) == 0 {
		return err
	}
	var b pgx.Batch
	queueLikenessKeys(&b, ps)
	return send(ctx, tx, &b)
}

// LikenessProfiles reads the likeness profiles of stored resources ids,
// in id order, in one round trip; ids not stored are left out.
func (s *Store) LikenessProfiles(ctx context.Context, ids []int64) ([]likeness.Profile, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return readProfiles(ctx, s.pool, ids)
}

// KeyLikeness keys the resources whose keys are missing or older than
// likeness.KeysVersion, batch at a time in id order, until none is left,
// and returns how many it keyed. Several processes may run it at once:
// each batch locks its rows with SKIP LOCKED. A batch is three round trips
// whatever its size: lock, read the profiles, write the keys.
func (s *Store) KeyLikeness(ctx context.Context, batch int) (int, error) {
	total := 0
	for {
		n := 0
		err := s.inTx(ctx, func(tx pgx.Tx) error {
			rows, err := tx.Query(ctx, `SELECT id FROM resources WHERE likeness_keyed < $1
				ORDER BY likeness_keyed, id LIMIT $2 FOR UPDATE SKIP LOCKED`, likeness.KeysVersion, batch)
			if err != nil {
				return dbErr(err)
			}
			ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil {
				return dbErr(err)
			}
			n = len(ids)
			if err := rekeyLikeness(ctx, tx, ids...); err != nil {
				return fmt.Errorf("likeness keys: %w", err)
			}
			return nil
		})
		if err != nil || n == 0 {
			return total, err
		}
		total += n
	}
}
