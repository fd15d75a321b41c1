package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/people"
)

// LikenessCandidate is a stored resource a likeness search met (疑似撞单):
// its profile, and what a collision answer says of it.
type LikenessCandidate struct {
	Profile likeness.Profile
	Sea     string
	Owner   *people.UserRef
}

// candidatesSQL finds the live resources (not closed, not a dual entry's
// twin) holding any of the probes ($1 kinds, $2 values), but those in $3,
// at most $4 of them, with what their profiles need: name, region, the
// names and mail addresses of their current contacts.
const candidatesSQL = `WITH hit AS (
		SELECT DISTINCT lk.resource_id AS id
		FROM likeness_keys lk JOIN unnest($1::text[], $2::text[]) AS k(kind, value) USING (kind, value)
		WHERE lk.resource_id <> ALL($3::bigint[])
		LIMIT $4)
	SELECT r.id, r.name, r.region, r.sea, o.id, o.name, coalesce(c.names, '{}'), coalesce(c.emails, '{}')
	FROM hit JOIN resources r ON r.id = hit.id
	LEFT JOIN users o ON o.id = r.owner_id
	LEFT JOIN LATERAL (` + contactsLateral + `) c ON true
	WHERE r.sea <> 'closed' AND r.twin_of IS NULL
	ORDER BY r.id`

// collectCandidates reads the rows of candidatesSQL.
func collectCandidates(rows pgx.Rows) ([]LikenessCandidate, error) {
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (LikenessCandidate, error) {
		var c LikenessCandidate
		var id int64
		var name, region string
		var ownerID *int64
		var ownerName *string
		var contacts, emails []string
		if err := row.Scan(&id, &name, &region, &c.Sea, &ownerID, &ownerName, &contacts, &emails); err != nil {
			return c, err
		}
		if ownerID != nil {
			c.Owner = &people.UserRef{ID: *ownerID, Name: deref(ownerName)}
		}
		c.Profile = likeness.New(id, name, namekey.Parse(name), region, contacts, emails)
		return c, nil
	})
	return out, dbErr(err)
}

// LikenessMeet returns, in one round trip, the live resources (not closed,
// not a dual entry's twin) holding any of the probes but those in except,
// at most limit of them by id, and how many resources hold each of
// holderKeys in each prefecture city (what likeness.Holders answers): what
// a search needs to score its possible duplicates.
func (s *Store) LikenessMeet(ctx context.Context, probes, holderKeys []likeness.Key, except []int64, limit int) ([]LikenessCandidate, map[likeness.Key]map[string]int, error) {
	holders := map[likeness.Key]map[string]int{}
	if len(probes) == 0 {
		return nil, holders, nil
	}
	var cands []LikenessCandidate
	var b pgx.Batch
	kinds, values := splitLikeness(probes)
	b.Queue(candidatesSQL, kinds, values, append([]int64{}, except...), limit).Query(func(rows pgx.Rows) error {
		var err error
		cands, err = collectCandidates(rows)
		return err
	})
	if len(holderKeys) > 0 {
		kinds, values := splitLikeness(holderKeys)
		b.Queue(holdersSQL, kinds, values).Query(func(rows pgx.Rows) error { return collectHolders(rows, holders) })
	}
	if err := s.search.SendBatch(ctx, &b).Close(); err != nil {
		return nil, nil, dbErr(err)
	}
	return cands, holders, nil
}

// holdersSQL counts the holders of keys ($1 kinds, $2 values) per city.
const holdersSQL = `SELECT lk.kind, lk.value, lk.prefecture, count(*)::int
	FROM likeness_keys lk JOIN unnest($1::text[], $2::text[]) AS k(kind, value) USING (kind, value)
	GROUP BY lk.kind, lk.value, lk.prefecture`

// collectHolders reads the rows of holdersSQL into out.
func collectHolders(rows pgx.Rows, out map[likeness.Key]map[string]int) error {
	var k likeness.Key
	var pref string
	var n int
	_, err := pgx.ForEachRow(rows, []any{&k.Kind, &k.Value, &pref, &n}, func() error {
		if out[k] == nil {
			out[k] = map[string]int{}
		}
		out[k][pref] = n
		return nil
	})
	return dbErr(err)
}

func splitLikeness(keys []likeness.Key) (kinds, values []string) {
	for _, k := range keys {
		kinds, values = append(kinds, k.Kind), append(values, k.Value)
	}
	return kinds, values
}
