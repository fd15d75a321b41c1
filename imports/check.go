package imports

import (
	"context"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sheet"
)

// searchChunk bounds the keys of one collision lookup.
const searchChunk = 5000

// checked is one row of a check with what its entry would claim.
type checked struct {
	row    bulk.Row
	keys   []collision.Key
	places int // a dual entry (类型 不确定) takes two places (R7)
}

// Check reads an uploaded file and runs every row as a dry run of an entry
// into the target sea: would enter (with its key and numbers), collides with
// a stored resource (the hits as a collision answer shows them), duplicates
// an earlier row of the file, is invalid (each field and why, R17), or would
// overflow the importer's private sea (R13). It keeps the file and the
// verdicts for a commit, and enters nothing.
func (s *Service) Check(ctx context.Context, actor people.User, up Upload) (bulk.Import, error) {
	if err := mayImport(actor, up.Target); err != nil {
		return bulk.Import{}, err
	}
	in, err := sheet.Read(up.Name, up.Body)
	if err != nil {
		return bulk.Import{}, err
	}
	if len(in) == 0 {
		return bulk.Import{}, fault.Invalidf([]fault.FieldError{fault.Field("file", "at least one row under the headers")},
			"the file has no rows")
	}
	rows := make([]checked, len(in))
	var all []collision.Key
	for i, r := range in {
		rows[i] = s.dryRun(r, up.Target)
		all = append(all, rows[i].keys...)
	}
	hits, err := s.hitsByKey(ctx, all)
	if err != nil {
		return bulk.Import{}, err
	}
	free := -1 // no limit: the public sea
	var room struct{ held, limit int }
	if up.Target == bulk.TargetMine {
		r, err := s.Seas.Room(ctx, actor)
		if err != nil {
			return bulk.Import{}, err
		}
		room.held, room.limit, free = r.Held, r.Limit, max(0, r.Limit-r.Held)
	}
	claimed := map[collision.Key]int{} // key → the earlier row's line
	out := make([]bulk.Row, len(rows))
	for i, c := range rows {
		row := c.row
		if row.Verdict == "" {
			row.Verdict = judge(&row, c, hits, claimed, free)
			if row.Verdict == bulk.VerdictOverCapacity {
				row.Check.Limit, row.Check.Held = room.limit, room.held
			}
			if row.Verdict == bulk.VerdictEnter || row.Verdict == bulk.VerdictOverCapacity {
				for _, k := range c.keys {
					claimed[k] = row.Line
				}
			}
			if row.Verdict == bulk.VerdictEnter && free >= 0 {
				free -= c.places
			}
		}
		out[i] = row
	}
	id, err := s.Store.CreateImport(ctx, bulk.Import{CreatedBy: actor.ID, Target: up.Target, FileName: up.Name}, out)
	if err != nil {
		return bulk.Import{}, err
	}
	return s.Store.Import(ctx, id)
}

// judge is a valid row's verdict: a stored holder of any key first, then an
// earlier row of the file, then the room left.
func judge(row *bulk.Row, c checked, hits map[collision.Key][]collision.Hit, claimed map[collision.Key]int, free int) string {
	for _, k := range c.keys { // a key has one holder: no hit twice
		row.Check.Hits = append(row.Check.Hits, hits[k]...)
	}
	if len(row.Check.Hits) > 0 {
		return bulk.VerdictCollides
	}
	for _, k := range c.keys {
		if line, ok := claimed[k]; ok {
			row.Check.DuplicateOf = line
			return bulk.VerdictDuplicate
		}
	}
	if free >= 0 && c.places > free {
		return bulk.VerdictOverCapacity
	}
	return bulk.VerdictEnter
}

// dryRun reads one row as an entry and normalises it; an invalid row gets
// its verdict here.
func (s *Service) dryRun(r sheet.Row, target string) checked {
	c := checked{row: bulk.Row{Line: r.Line, Fields: r.Fields}, places: 1}
	e := entryOf(r.Fields)
	nr, err := e.Normalize()
	if err == nil && target == bulk.TargetPublic && e.Kind == intake.KindUnknown {
		err = fault.Invalidf([]fault.FieldError{fault.Field("kind",
			"不确定 keeps two records in a rep's own sea; in the public sea say 企业 or 个人")}, "the entry is incomplete or malformed")
	}
	if err != nil {
		c.row.Verdict = bulk.VerdictInvalid
		c.row.Check.Problems = e.problems(err)
		return c
	}
	if nr.Dual {
		c.places = 2
	}
	c.keys = nr.Keys()
	c.row.Check.CompanyKey = nr.CompanyKey
	for _, k := range c.keys {
		if k.Type == collision.KeyNumber {
			c.row.Check.Numbers = append(c.row.Check.Numbers, k.Value)
		}
	}
	return c
}

// hitsByKey looks every key up at once, in chunks.
func (s *Service) hitsByKey(ctx context.Context, keys []collision.Key) (map[collision.Key][]collision.Hit, error) {
	out := map[collision.Key][]collision.Hit{}
	for from := 0; from < len(keys); from += searchChunk {
		hits, err := s.Store.FindHits(ctx, keys[from:min(len(keys), from+searchChunk)])
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			out[h.Key] = append(out[h.Key], h)
		}
	}
	return out, nil
}
