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

// LikenessMeet returns, in one round trip (two past limit), the sketches of the resources
// holding any of the probes but those in except — what the likeness index
// says of each, and which probes it holds — at most limit index entries of
// them, by id; and for each probe how many resources hold it in each
// prefecture city met (what likeness.Holders answers for the sketches'
// cities). It reads the index only: a search weighs the sketches
// (likeness.Weigh) and reads the resources worth it with
// LikenessCandidates. Closed resources and twins are among the sketches;
// LikenessCandidates leaves them out.
func (s *Store) LikenessMeet(ctx context.Context, probes []likeness.Key, except []int64, limit int) ([]likeness.Sketch, map[likeness.Key]map[string]int, error) {
	_, sketches, holders, err := s.meet(ctx, nil, meeting{except: except, limit: limit}, probes)
	return sketches, holders, err
}

// FindHitsAndMeet is FindHits and LikenessMeet in one round trip (two
// past limit): a
// collision search that looks for possible duplicates too. The hits' own
// resources are not left out of the sketches: the caller leaves them out
// once it knows them.
func (s *Store) FindHitsAndMeet(ctx context.Context, keys []collision.Key, probes []likeness.Key, limit int) ([]collision.Hit, []likeness.Sketch, map[likeness.Key]map[string]int, error) {
	return s.meet(ctx, keys, meeting{limit: limit}, probes)
}

// meet looks keys up (none: no collision search) and reads m for probes,
// in one batch, and again past m's limit.
func (s *Store) meet(ctx context.Context, keys []collision.Key, m meeting, probes []likeness.Key) ([]collision.Hit, []likeness.Sketch, map[likeness.Key]map[string]int, error) {
	var hits []collision.Hit
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
		m.queue(&b, probes)
	}
	if b.Len() == 0 {
		return nil, nil, map[likeness.Key]map[string]int{}, nil
	}
	if err := s.search.SendBatch(ctx, &b).Close(); err != nil {
		return nil, nil, nil, dbErr(err)
	}
	if err := m.readFirst(ctx, s.search); err != nil {
		return nil, nil, nil, err
	}
	return hits, m.sketches, m.holders, nil
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

func splitLikeness(keys []likeness.Key) (kinds, values []string) {
	for _, k := range keys {
		kinds, values = append(kinds, k.Kind), append(values, k.Value)
	}
	return kinds, values
}
