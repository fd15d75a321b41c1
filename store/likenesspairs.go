package store

import (
	"context"
	"encoding/json"

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

// RaiseLikely raises the pairs of resource id with each of likely to sales
// support, the earlier resource (the smaller id: first come, R6) first. A
// pair raised before is left as it is: open, it waits already; decided
// "different", it is closed for good and never raised again.
func (s *Store) RaiseLikely(ctx context.Context, id, actorID int64, action string, likely []Likely) error {
	if len(likely) == 0 {
		return nil
	}
	var earlier, later []int64
	var scores []int32
	var reasons, rules []string
	for _, l := range likely {
		e, la := min(id, l.ResourceID), max(id, l.ResourceID)
		why, err := json.Marshal(append([]likeness.Reason{}, l.Reasons...)) // [] rather than null
		if err != nil {
			return err
		}
		earlier, later, scores = append(earlier, e), append(later, la), append(scores, int32(l.Score))
		reasons, rules = append(reasons, string(why)), append(rules, l.Rule)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO likeness_pairs (earlier_id, later_id, score, reasons, rule_version, action, raised_by)
		SELECT e, l, sc, r::jsonb, v, $6, nullif($7, 0)
		FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[]) AS x(e, l, sc, r, v)
		ON CONFLICT (earlier_id, later_id) DO NOTHING`, earlier, later, scores, reasons, rules, action, actorID)
	return dbErr(err)
}
