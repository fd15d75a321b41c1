package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
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

// candidatesSQL reads the live resources (not closed, not a dual entry's
// twin) among $1 with what their profiles need: name, region, the names
// and mail addresses of their current contacts.
const candidatesSQL = `SELECT r.id, r.name, r.region, r.sea, o.id, o.name, coalesce(c.names, '{}'), coalesce(c.emails, '{}')
	FROM resources r
	LEFT JOIN users o ON o.id = r.owner_id
	LEFT JOIN LATERAL (` + contactsLateral + `) c ON true
	WHERE r.id = ANY($1) AND r.sea <> 'closed' AND r.twin_of IS NULL
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

// LikenessMeet returns, in one round trip, the sketches of the resources
// holding any of the probes but those in except — what the likeness index
// says of each, and which probes it holds — at most limit of them by id;
// and how many resources hold each of holderKeys in each prefecture city
// (what likeness.Holders answers). It reads the index only: a search
// weighs the sketches (likeness.Weigh) and reads the resources worth it
// with LikenessCandidates. Closed resources and twins are among the
// sketches; LikenessCandidates leaves them out.
func (s *Store) LikenessMeet(ctx context.Context, probes, holderKeys []likeness.Key, except []int64, limit int) ([]likeness.Sketch, map[likeness.Key]map[string]int, error) {
	holders := map[likeness.Key]map[string]int{}
	if len(probes) == 0 {
		return nil, holders, nil
	}
	var sketches []likeness.Sketch
	var b pgx.Batch
	queueMeet(&b, probes, holderKeys, except, limit, &sketches, holders)
	if err := s.search.SendBatch(ctx, &b).Close(); err != nil {
		return nil, nil, dbErr(err)
	}
	return sketches, holders, nil
}

// FindHitsAndMeet is FindHits and LikenessMeet in one round trip: a
// collision search that looks for possible duplicates too. The hits' own
// resources are not left out of the sketches: the caller leaves them out
// once it knows them.
func (s *Store) FindHitsAndMeet(ctx context.Context, keys []collision.Key, probes, holderKeys []likeness.Key, limit int) ([]collision.Hit, []likeness.Sketch, map[likeness.Key]map[string]int, error) {
	holders := map[likeness.Key]map[string]int{}
	var hits []collision.Hit
	var sketches []likeness.Sketch
	var b pgx.Batch
	if len(keys) > 0 {
		types, values := splitKeys(keys)
		b.Queue(hitsSQL, types, values, int64(0)).Query(func(rows pgx.Rows) error {
			var err error
			hits, err = collectHits(rows)
			return err
		})
	}
	if len(probes) > 0 {
		queueMeet(&b, probes, holderKeys, nil, limit, &sketches, holders)
	}
	if b.Len() == 0 {
		return nil, nil, holders, nil
	}
	if err := s.search.SendBatch(ctx, &b).Close(); err != nil {
		return nil, nil, nil, dbErr(err)
	}
	return hits, sketches, holders, nil
}

// queueMeet queues the reads of LikenessMeet.
func queueMeet(b *pgx.Batch, probes, holderKeys []likeness.Key, except []int64, limit int, sketches *[]likeness.Sketch, holders map[likeness.Key]map[string]int) {
	kinds, values := splitLikeness(probes)
	b.Queue(sketchesSQL, kinds, values, append([]int64{}, except...), limit).Query(func(rows pgx.Rows) error {
		var err error
		*sketches, err = collectSketches(rows, limit)
		return err
	})
	if len(holderKeys) > 0 {
		kinds, values := splitLikeness(holderKeys)
		b.Queue(holdersSQL, kinds, values).Query(func(rows pgx.Rows) error { return collectHolders(rows, holders) })
	}
}

// sketchesSQL reads the index entries of the probes ($1 kinds, $2 values)
// held by resources but those in $3, with what each entry carries, at most
// $4 + 1 of them, in resource order: an index-only scan of the primary key.
const sketchesSQL = `SELECT lk.resource_id, lk.kind, lk.value, lk.prefecture,
		lk.trade_name IS NOT NULL AND lk.contacts IS NOT NULL, coalesce(lk.trade_name, ''), coalesce(lk.industry, ''), lk.contacts
	FROM unnest($1::text[], $2::text[]) AS k(kind, value) JOIN likeness_keys lk USING (kind, value)
	WHERE lk.resource_id <> ALL($3::bigint[])
	ORDER BY lk.resource_id LIMIT $4 + 1`

// collectSketches reads the rows of sketchesSQL, one sketch per resource.
// Past limit rows the last resource may miss entries: it is left out.
func collectSketches(rows pgx.Rows, limit int) ([]likeness.Sketch, error) {
	var out []likeness.Sketch
	var id int64
	var k likeness.Key
	var pref, trade, industry string
	var indexed bool
	var contacts []string
	n := 0
	_, err := pgx.ForEachRow(rows, []any{&id, &k.Kind, &k.Value, &pref, &indexed, &trade, &industry, &contacts}, func() error {
		n++
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, likeness.Sketch{ID: id, Indexed: indexed,
				TradeName: trade, Industry: industry, Prefecture: pref, Contacts: contacts})
		}
		s := &out[len(out)-1]
		s.Met = append(s.Met, k)
		return nil
	})
	if n > limit && len(out) > 0 {
		out = out[:len(out)-1]
	}
	return out, dbErr(err)
}

// LikenessCandidates reads the live resources (not closed, not a dual
// entry's twin) among ids, with their profiles, in id order.
func (s *Store) LikenessCandidates(ctx context.Context, ids []int64) ([]LikenessCandidate, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.search.Query(ctx, candidatesSQL, ids)
	if err != nil {
		return nil, dbErr(err)
	}
	return collectCandidates(rows)
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
