package store

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/likeness"
)

// Likely is a possible duplicate met by an entry or an edit of a resource:
// the other resource, its score and the reasons.
type Likely struct {
	ResourceID int64
	Score      int
	Reasons    []likeness.Reason
	Rule       string // likeness.score@N
}

// LikenessCheck raises, in an entry's own transaction, the possible
// duplicates the entry meets: the sketches of the resources the entry's
// profile meets and their holders are read in the entry's first batch;
// Worth picks those worth reading (rules only, no I/O), which are read in
// one more round trip — none when there are none, as for most entries;
// Score weighs them and the pairs are written with the entry's rows.
type LikenessCheck struct {
	Action string // where the pairs were met: "entry"
	Worth  func(p likeness.Profile, sketches []likeness.Sketch, holders map[likeness.Key]map[string]int) ([]int64, error)
	Score  func(p likeness.Profile, cands []LikenessCandidate, holders map[likeness.Key]map[string]int) ([]Likely, error)

	p     likeness.Profile
	met   meeting
	cands []LikenessCandidate
}

// likenessRows bounds the index entries an entry's check reads.
const likenessRows = 5000

// queueRead queues the reads of the check of profile p.
func (c *LikenessCheck) queueRead(b *pgx.Batch, p likeness.Profile) {
	c.p, c.met = p, meeting{limit: likenessRows}
	if probes := likeness.Probes(p); len(probes) > 0 {
		c.met.queue(b, probes)
	}
}

// readCandidates reads, inside tx, the resources Worth picks of what
// queueRead read (and first, past its limit, the first entries again).
func (c *LikenessCheck) readCandidates(ctx context.Context, tx pgx.Tx) error {
	if err := c.met.readFirst(ctx, tx); err != nil {
		return err
	}
	if len(c.met.sketches) == 0 {
		return nil
	}
	ids, err := c.Worth(c.p, c.met.sketches, c.met.holders)
	if err != nil || len(ids) == 0 {
		return err
	}
	rows, err := tx.Query(ctx, candidatesSQL, ids)
	if err != nil {
		return dbErr(err)
	}
	c.cands, err = collectCandidates(rows)
	return err
}

// queueRaise scores what queueRead read and queues the pairs of resource
// id, raised by actorID.
func (c *LikenessCheck) queueRaise(b *pgx.Batch, id, actorID int64) error {
	if len(c.cands) == 0 {
		return nil
	}
	likely, err := c.Score(c.p, c.cands, c.met.holders)
	if err != nil || len(likely) == 0 {
		return err
	}
	args, err := raiseArgs(id, actorID, c.Action, likely)
	if err != nil {
		return err
	}
	b.Queue(raiseSQL, args...)
	return nil
}

// raiseSQL writes pairs; a pair raised before is left as it is.
const raiseSQL = `INSERT INTO likeness_pairs (earlier_id, later_id, score, reasons, rule_version, action, raised_by)
	SELECT e, l, sc, r::jsonb, v, $6, nullif($7, 0)
	FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[]) AS x(e, l, sc, r, v)
	ON CONFLICT (earlier_id, later_id) DO NOTHING`

func raiseArgs(id, actorID int64, action string, likely []Likely) ([]any, error) {
	var earlier, later []int64
	var scores []int32
	var reasons, rules []string
	for _, l := range likely {
		e, la := min(id, l.ResourceID), max(id, l.ResourceID)
		why, err := json.Marshal(append([]likeness.Reason{}, l.Reasons...)) // [] rather than null
		if err != nil {
			return nil, err
		}
		earlier, later, scores = append(earlier, e), append(later, la), append(scores, int32(l.Score))
		reasons, rules = append(reasons, string(why)), append(rules, l.Rule)
	}
	return []any{earlier, later, scores, reasons, rules, action, actorID}, nil
}

// RaiseLikely raises the pairs of resource id with each of likely to sales
// support, the earlier resource (the smaller id: first come, R6) first. A
// pair raised before is left as it is: open, it waits already; decided
// "different", it is closed for good and never raised again.
func (s *Store) RaiseLikely(ctx context.Context, id, actorID int64, action string, likely []Likely) error {
	if len(likely) == 0 {
		return nil
	}
	args, err := raiseArgs(id, actorID, action, likely)
	if err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, raiseSQL, args...)
	return dbErr(err)
}
