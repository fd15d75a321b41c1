package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/tide-crm/tide/likeness"
)

// meeting is one read of the likeness index for a search's probes: its
// bounds, and what it read — a sketch per resource met but those in
// except, and the holders of each probe in each city met.
//
// It reads every entry of the probes, unordered and uncounted, in the
// search's round trip: sorting by resource and counting holders with a
// window took half the index read's time at a million resources. Past
// limit entries (a trade name the whole country shares) it reads again,
// the first limit entries by resource with the holders counted in SQL
// over all of them (readFirst): one round trip more.
type meeting struct {
	except    []int64
	limit     int
	probes    []likeness.Key // as queued: the SQL names them by position
	truncated bool
	sketches  []likeness.Sketch
	holders   map[likeness.Key]map[string]int
	words     map[string]string // trade names, industries and cities read, each kept once
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

// readFirst reads the first limit entries by resource, holders counted
// over all, when queue's read found more.
func (m *meeting) readFirst(ctx context.Context, q rowsQuerier) error {
	if !m.truncated {
		return nil
	}
	kinds, values := splitLikeness(m.probes)
	rows, err := q.Query(ctx, firstSketchesSQL, kinds, values, m.limit)
	if err != nil {
		return dbErr(err)
	}
	return m.collectFirst(rows)
}

// carried is what an index entry carries of its resource, and meetFrom
// the entries of the probes ($1 kinds, $2 values), each with its probe's
// position (from 1): an index-only scan of the primary key.
const (
	carried = `lk.trade_name IS NOT NULL AND lk.contacts IS NOT NULL, coalesce(lk.trade_name, ''), coalesce(lk.industry, ''),
		coalesce(lk.contacts, '')`
	meetFrom = `FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(kind, value, i) JOIN likeness_keys lk USING (kind, value)`
)

// sketchesSQL reads the entries of the probes, at most $3 + 1.
const sketchesSQL = `SELECT lk.resource_id, k.i::int, lk.prefecture, ` + carried + ` ` + meetFrom + ` LIMIT $3 + 1`

// firstSketchesSQL reads the first $3 + 1 entries by resource, each with
// how many resources of its city hold its probe, counted over all.
const firstSketchesSQL = `SELECT lk.resource_id, k.i::int, lk.prefecture, count(*) OVER (PARTITION BY k.i, lk.prefecture)::int, ` +
	carried + ` ` + meetFrom + ` ORDER BY lk.resource_id LIMIT $3 + 1`

// entry is one row of sketchesSQL, its text read from the driver's buffer
// (a resource's entries carry the same fields: they are copied once).
type entry struct {
	id                              int64
	probe, holders                  int32
	indexed                         bool
	pref, trade, industry, contacts pgtype.DriverBytes
}

// collect reads the rows of sketchesSQL, unless they are more than limit.
func (m *meeting) collect(rows pgx.Rows) error {
	m.holders = map[likeness.Key]map[string]int{}
	byID := make(map[int64]int, 64) // index in m.sketches
	var e entry
	n := 0
	_, err := pgx.ForEachRow(rows, []any{&e.id, &e.probe, &e.pref, &e.indexed, &e.trade, &e.industry, &e.contacts}, func() error {
		if n++; n > m.limit {
			m.truncated = true
			return nil
		}
		k, err := m.probe(e)
		if err != nil {
			return err
		}
		m.count(k, e.pref, func(h int) int { return h + 1 })
		m.add(byID, k, e)
		return nil
	})
	if m.truncated {
		m.sketches, m.holders = nil, nil
	}
	slices.SortFunc(m.sketches, func(a, b likeness.Sketch) int { return cmp.Compare(a.ID, b.ID) })
	return dbErr(err)
}

// collectFirst reads the rows of firstSketchesSQL: past limit rows the last
// resource may miss entries, and is left out.
func (m *meeting) collectFirst(rows pgx.Rows) error {
	m.holders, m.sketches = map[likeness.Key]map[string]int{}, nil
	byID := map[int64]int{}
	var e entry
	n := 0
	_, err := pgx.ForEachRow(rows, []any{&e.id, &e.probe, &e.pref, &e.holders, &e.indexed, &e.trade, &e.industry, &e.contacts}, func() error {
		n++
		k, err := m.probe(e)
		if err != nil {
			return err
		}
		m.count(k, e.pref, func(int) int { return int(e.holders) })
		m.add(byID, k, e)
		return nil
	})
	if n > m.limit && len(m.sketches) > 0 && m.sketches[len(m.sketches)-1].ID == e.id {
		m.sketches = m.sketches[:len(m.sketches)-1]
	}
	return dbErr(err)
}

// word is b as a string, the same string for the same bytes: the resources
// a search meets share a few trade names, industries and cities.
func (m *meeting) word(b []byte) string {
	if w, ok := m.words[string(b)]; ok {
		return w
	}
	if m.words == nil {
		m.words = make(map[string]string, 16)
	}
	w := string(b)
	m.words[w] = w
	return w
}

func (m *meeting) probe(e entry) (likeness.Key, error) {
	if e.probe < 1 || int(e.probe) > len(m.probes) {
		return likeness.Key{}, fmt.Errorf("likeness index: probe %d of %d", e.probe, len(m.probes))
	}
	return m.probes[e.probe-1], nil
}

// count sets the holders of probe k in city pref to next of what they were.
// The excepted resources count too: an edited resource holds its own
// trade name.
func (m *meeting) count(k likeness.Key, pref []byte, next func(int) int) {
	hs := m.holders[k]
	if hs == nil {
		hs = map[string]int{}
		m.holders[k] = hs
	}
	if h, ok := hs[string(pref)]; ok {
		hs[string(pref)] = next(h)
		return
	}
	hs[string(pref)] = next(0)
}

// add adds entry e, of probe k, to its resource's sketch, unless excepted.
func (m *meeting) add(byID map[int64]int, k likeness.Key, e entry) {
	if slices.Contains(m.except, e.id) {
		return
	}
	i, ok := byID[e.id]
	if !ok {
		sk := likeness.Sketch{ID: e.id, Indexed: e.indexed, TradeName: m.word(e.trade), Industry: m.word(e.industry), Prefecture: m.word(e.pref)}
		if len(e.contacts) > 0 {
			sk.Contacts = strings.Split(string(e.contacts), contactSeparator)
		}
		i = len(m.sketches)
		byID[e.id] = i
		m.sketches = append(m.sketches, sk)
	}
	m.sketches[i].Met = append(m.sketches[i].Met, k)
}
