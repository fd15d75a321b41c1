package workcal

import (
	"fmt"
	"time"
)

// Override is an admin's correction of one date (kept in the database by
// others).
type Override struct {
	Date string // civil date in China, YYYY-MM-DD
	Kind string // Workday, Weekend, Holiday or MakeUp
	Note string // replaces the date's note
}

// WithOverrides returns a copy of c with the overrides applied on top; c is
// unchanged. An override of kind Workday or MakeUp makes the date a working
// day, Holiday or Weekend makes it a day off. The stored kind is normalised to
// the weekday so that Kind stays truthful: a working Saturday or Sunday is
// MakeUp and a working Monday–Friday is Workday; Weekend on a Monday–Friday
// becomes Holiday. When a date appears more than once, the last one wins.
//
// It fails, applying nothing, on a malformed date, an unknown kind, or a date
// in a year without data (a *NoDataError).
func (c *Calendar) WithOverrides(os []Override) (*Calendar, error) {
	out := &Calendar{years: make(map[int]*year, len(c.years)), list: c.list}
	for y, yr := range c.years {
		out.years[y] = yr // copied on first write below
	}
	copied := map[int]bool{}
	for i, o := range os {
		d, err := parseDate(o.Date)
		if err != nil {
			return nil, fmt.Errorf("workcal: override %d: %w", i, err)
		}
		k, ok := parseKind(o.Kind)
		if !ok {
			return nil, fmt.Errorf("workcal: override %d (%s): unknown kind %q", i, o.Date, o.Kind)
		}
		yr := out.years[d.Year()]
		if yr == nil {
			return nil, &NoDataError{Year: d.Year()}
		}
		if !copied[d.Year()] {
			yr = yr.clone()
			out.years[d.Year()], copied[d.Year()] = yr, true
		}
		yd := d.YearDay() - 1
		yr.kinds[yd], yr.notes[yd] = normalise(k, d), o.Note
		if o.Note == "" {
			delete(yr.notes, yd)
		}
	}
	return out, nil
}

// normalise maps an override kind to the kind consistent with d's weekday.
func normalise(k kind, d time.Time) kind {
	weekend := isWeekend(d)
	switch {
	case k.working() && weekend:
		return kMakeUp
	case k.working():
		return kWorkday
	case k == kWeekend && !weekend:
		return kHoliday
	}
	return k
}
