package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

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
// says of each, and which probes it holds — at most limit index entries of
// them, by id; and for each probe how many resources hold it in each
// prefecture city met (what likeness.Holders answers for the sketches'
// cities). It reads the index only: a search weighs the sketches
// (likeness.Weigh) and reads the resources worth it with
// LikenessCandidates. Closed resources and twins are among the sketches;
// LikenessCandidates leaves them out.
func (s *Store) LikenessMeet(ctx context.Context, probes []likeness.Key, except []int64, limit int) ([]likeness.Sketch, map[likeness.Key]map[string]int, error) {
	m := meeting{except: except, limit: limit}
	if len(probes) == 0 {
		return nil, m.holders, nil
	}
	var b pgx.Batch
	m.queue(&b, probes)
	if err := s.search.SendBatch(ctx, &b).Close(); err != nil {
		return nil, nil, dbErr(err)
	}
	return m.sketches, m.holders, nil
}

// FindHitsAndMeet is FindHits and LikenessMeet in one round trip: a
// collision search that looks for possible duplicates too. The hits' own
// resources are not left out of the sketches: the caller leaves them out
// once it knows them.
func (s *Store) FindHitsAndMeet(ctx context.Context, keys []collision.Key, probes []likeness.Key, limit int) ([]collision.Hit, []likeness.Sketch, map[likeness.Key]map[string]int, error) {
	m := meeting{limit: limit}
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
		return nil, nil, m.holders, nil
	}
	if err := s.search.SendBatch(ctx, &b).Close(); err != nil {
		return nil, nil, nil, dbErr(err)
	}
	return hits, m.sketches, m.holders, nil
}

// meeting is one read of LikenessMeet: its bounds, and what it read.
type meeting struct {
	except   []int64
	limit    int
	probes   []likeness.Key // as queued: sketchesSQL names them by position
	sketches []likeness.Sketch
	holders  map[likeness.Key]map[string]int
}

// queue queues the read of the probes. A probe given twice is read once,
// or its holders would count twice.
func (m *meeting) queue(b *pgx.Batch, probes []likeness.Key) {
	m.probes = slices.Compact(slices.SortedFunc(slices.Values(probes), func(a, b likeness.Key) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Value, b.Value))
	}))
	kinds, values := splitLikeness(m.probes)
	b.Queue(sketchesSQL, kinds, values, m.limit).Query(m.collect)
}

// sketchesSQL reads the index entries of the probes ($1 kinds, $2 values):
// the resource, which probe (from 1), how many resources of its city hold
// that probe — counted over all entries, before the limit — and what the
// entry carries; at most $3 + 1 entries, in resource order. An index-only
// scan of the primary key.
const sketchesSQL = `SELECT lk.resource_id, k.i::int, count(*) OVER (PARTITION BY k.i, lk.prefecture)::int, lk.prefecture,
		lk.trade_name IS NOT NULL AND lk.contacts IS NOT NULL, coalesce(lk.trade_name, ''), coalesce(lk.industry, ''),
		coalesce(array_to_string(lk.contacts, E'\x1f'), '')
	FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(kind, value, i) JOIN likeness_keys lk USING (kind, value)
	ORDER BY lk.resource_id LIMIT $3 + 1`

// collect reads the rows of sketchesSQL: one sketch per resource but those
// in except — past limit rows the last resource may miss entries and is
// left out too — and the holders of each probe in each city met. The
// excepted resources still count as holders: an edited resource holds its
// own trade name. A resource's entries carry the same fields: they are
// read from the driver's buffer and copied once per resource.
func (m *meeting) collect(rows pgx.Rows) error {
	m.holders = map[likeness.Key]map[string]int{}
	var id int64
	var probe, holders int32
	var indexed bool
	var pref, trade, industry, contacts pgtype.DriverBytes
	n := 0
	_, err := pgx.ForEachRow(rows, []any{&id, &probe, &holders, &pref, &indexed, &trade, &industry, &contacts}, func() error {
		n++
		if probe < 1 || int(probe) > len(m.probes) {
			return fmt.Errorf("likeness index: probe %d of %d", probe, len(m.probes))
		}
		k := m.probes[probe-1]
		hs := m.holders[k]
		if hs == nil {
			hs = map[string]int{}
			m.holders[k] = hs
		}
		if _, ok := hs[string(pref)]; !ok {
			hs[string(pref)] = int(holders)
		}
		if slices.Contains(m.except, id) {
			return nil
		}
		if len(m.sketches) == 0 || m.sketches[len(m.sketches)-1].ID != id {
			sk := likeness.Sketch{ID: id, Indexed: indexed, TradeName: string(trade), Industry: string(industry), Prefecture: string(pref)}
			if len(contacts) > 0 {
				sk.Contacts = strings.Split(string(contacts), contactSeparator)
			}
			m.sketches = append(m.sketches, sk)
		}
		s := &m.sketches[len(m.sketches)-1]
		s.Met = append(s.Met, k)
		return nil
	})
	if n > m.limit && len(m.sketches) > 0 && m.sketches[len(m.sketches)-1].ID == id {
		m.sketches = m.sketches[:len(m.sketches)-1]
	}
	return dbErr(err)
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
