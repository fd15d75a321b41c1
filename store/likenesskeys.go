package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/namekey"
)

// The likeness index is kept by the transactions that change what it is
// made of — an entry, an identity edit, a contact's change — so that it
// never says what a committed resource no longer is. Resources entered
// before it existed, or keyed by an older likeness.KeysVersion, are keyed by
// KeyLikeness.

// queueLikenessKeys replaces the likeness keys of resource id with those of
// p, and records the version they were made by.
func queueLikenessKeys(b *pgx.Batch, id int64, p likeness.Profile) {
	kinds, values := splitLikeness(likeness.Keys(p))
	b.Queue(`DELETE FROM likeness_keys WHERE resource_id = $1`, id)
	if len(kinds) > 0 {
		b.Queue(`INSERT INTO likeness_keys (kind, value, resource_id, prefecture)
			SELECT k, v, $3, $4 FROM unnest($1::text[], $2::text[]) AS x(k, v)`, kinds, values, id, p.Prefecture)
	}
	b.Queue(`UPDATE resources SET likeness_keyed = $2 WHERE id = $1`, id, likeness.KeysVersion)
}

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

// profileSQL reads what the likeness profile of resource $1 needs.
const profileSQL = `SELECT r.name, r.region, r.twin_of IS NOT NULL,
		coalesce((SELECT array_agg(c.name ORDER BY c.id) FROM contacts c WHERE c.resource_id = r.id AND c.removed_at IS NULL), '{}'),
		coalesce((SELECT array_agg(c.email ORDER BY c.id) FROM contacts c WHERE c.resource_id = r.id AND c.removed_at IS NULL AND c.email IS NOT NULL), '{}')
	FROM resources r WHERE r.id = $1`

// readProfile reads the likeness profile of resource id; twin reports a
// dual entry's twin, which holds no keys (its enterprise record does).
func readProfile(ctx context.Context, q querier, id int64) (p likeness.Profile, twin bool, err error) {
	var name, region string
	var contacts, emails []string
	if err := q.QueryRow(ctx, profileSQL, id).Scan(&name, &region, &twin, &contacts, &emails); err != nil {
		return p, false, dbErr(err)
	}
	return likeness.New(id, name, namekey.Parse(name), region, contacts, emails), twin, nil
}

// rekeyLikeness keys resource id again from its rows, inside tx.
func rekeyLikeness(ctx context.Context, tx pgx.Tx, id int64) error {
	p, twin, err := readProfile(ctx, tx, id)
	if err != nil {
		return err
	}
	var b pgx.Batch
	if twin {
		p = likeness.Profile{ID: id}
	}
	queueLikenessKeys(&b, id, p)
	return send(ctx, tx, &b)
}

// LikenessProfile reads the likeness profile of a stored resource.
func (s *Store) LikenessProfile(ctx context.Context, id int64) (likeness.Profile, error) {
	p, _, err := readProfile(ctx, s.pool, id)
	return p, err
}

// KeyLikeness keys the resources whose keys are missing or older than
// likeness.KeysVersion, batch at a time in id order, until none is left,
// and returns how many it keyed. Several processes may run it at once:
// each batch locks its rows with SKIP LOCKED. A batch is four round trips
// whatever its size: lock and read the profiles, delete the old keys,
// insert the new, record the version.
func (s *Store) KeyLikeness(ctx context.Context, batch int) (int, error) {
	total := 0
	for {
		n := 0
		err := s.inTx(ctx, func(tx pgx.Tx) error {
			rows, err := tx.Query(ctx, `WITH todo AS (
					SELECT id FROM resources WHERE likeness_keyed < $1
					ORDER BY likeness_keyed, id LIMIT $2 FOR UPDATE SKIP LOCKED)
				SELECT r.id, r.name, r.region, r.twin_of IS NOT NULL,
					coalesce((SELECT array_agg(c.name ORDER BY c.id) FROM contacts c WHERE c.resource_id = r.id AND c.removed_at IS NULL), '{}'),
					coalesce((SELECT array_agg(c.email ORDER BY c.id) FROM contacts c WHERE c.resource_id = r.id AND c.removed_at IS NULL AND c.email IS NOT NULL), '{}')
				FROM todo JOIN resources r USING (id)`, likeness.KeysVersion, batch)
			if err != nil {
				return dbErr(err)
			}
			var ids, keyIDs []int64
			var kinds, values, prefs []string
			var id int64
			var name, region string
			var twin bool
			var contacts, emails []string
			_, err = pgx.ForEachRow(rows, []any{&id, &name, &region, &twin, &contacts, &emails}, func() error {
				ids = append(ids, id)
				if twin {
					return nil // a dual entry's twin holds no keys; its enterprise record does
				}
				p := likeness.New(id, name, namekey.Parse(name), region, contacts, emails)
				for _, k := range likeness.Keys(p) {
					keyIDs, kinds, values, prefs = append(keyIDs, id), append(kinds, k.Kind), append(values, k.Value), append(prefs, p.Prefecture)
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("likeness keys: %w", dbErr(err))
			}
			if n = len(ids); n == 0 {
				return nil
			}
			var b pgx.Batch
			b.Queue(`DELETE FROM likeness_keys WHERE resource_id = ANY($1)`, ids)
			b.Queue(`INSERT INTO likeness_keys (resource_id, kind, value, prefecture)
				SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])`, keyIDs, kinds, values, prefs)
			b.Queue(`UPDATE resources SET likeness_keyed = $2 WHERE id = ANY($1)`, ids, likeness.KeysVersion)
			return send(ctx, tx, &b)
		})
		if err != nil || n == 0 {
			return total, err
		}
		total += n
	}
}
