package rules

import (
	"fmt"
	"time"

	"github.com/tide-crm/tide/china"
)

// The range every answer must fall in. An answer outside it cannot be
// honoured (a deadline in the year 166 million, a negative capacity) and
// would fail every move it touches; it is refused like an evaluation error
// — when the version is created (its fixtures and the sample decision) and
// at evaluation, naming the rule.
const (
	// MaxInt is the largest int answer (capacity.limit).
	MaxInt = 1_000_000
	// HorizonYears is how far after its reference time (the decision's now,
	// or the approval for deadlines) a time answer may lie; a duration
	// answer may be at most as long.
	HorizonYears = 10
)

// maxDuration is HorizonYears as a duration, leap days included.
const maxDuration = HorizonYears * 366 * 24 * time.Hour

// referenced is an environment whose time answers are counted from a
// reference time: they may not lie before it, nor more than HorizonYears
// after it.
type referenced interface{ reference() time.Time }

func (e ProtectionEnv) reference() time.Time { return e.Now }
func (e DeadlineEnv) reference() time.Time   { return e.ApprovedAt }
func (e ReviewEnv) reference() time.Time     { return e.FiledAt }

// inRange checks an answer of p's point against the range above.
func (p *Program) inRange(env any, v any) error {
	switch x := v.(type) {
	case int:
		if x < 0 || x > MaxInt {
			return fmt.Errorf("rules: %s answered %d; it must lie between 0 and %d", p.point.Name, x, MaxInt)
		}
	case time.Duration:
		if x < 0 || x > maxDuration {
			return fmt.Errorf("rules: %s answered %s; it must lie between 0 and %d years", p.point.Name, x, HorizonYears)
		}
	case time.Time:
		r, ok := env.(referenced)
		if !ok {
			return nil
		}
		from := r.reference()
		to := from.AddDate(HorizonYears, 0, 0)
		if x.Before(from) || x.After(to) {
			return fmt.Errorf("rules: %s answered %s; it must lie between %s and %d years later",
				p.point.Name, x.In(china.Zone).Format(time.RFC3339), from.In(china.Zone).Format(time.RFC3339), HorizonYears)
		}
	}
	return nil
}
