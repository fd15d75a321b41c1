package workcal

import (
	"fmt"
	"slices"
	"time"

	"github.com/tide-crm/tide/china"
)

// Day kinds, as returned by Calendar.Kind and listed by Calendar.Days.
const (
	// Workday is an ordinary Monday–Friday that is not a holiday.
	Workday = "workday"
	// Weekend is a Saturday or Sunday that is not a make-up workday.
	Weekend = "weekend"
	// Holiday is a statutory holiday (法定节假日) or one of the days off around
	// it that the notice lists in the same run.
	Holiday = "holiday"
	// MakeUp is 调休: a Saturday or Sunday declared a working day.
	MakeUp = "makeup"
)

// kind is the compact form of a day kind.
type kind uint8

const (
	kWorkday kind = iota
	kWeekend
	kHoliday
	kMakeUp
)

var kindNames = [...]string{kWorkday: Workday, kWeekend: Weekend, kHoliday: Holiday, kMakeUp: MakeUp}

func (k kind) String() string { return kindNames[k] }

// working reports whether a day of kind k is a working day.
func (k kind) working() bool { return k == kWorkday || k == kMakeUp }

func parseKind(s string) (kind, bool) {
	for k, name := range kindNames {
		if s == name {
			return kind(k), true
		}
	}
	return 0, false
}

// NoDataError reports a question about a year the calendar has no data for.
type NoDataError struct {
	Year int
}

func (e *NoDataError) Error() string {
	return fmt.Sprintf("workcal: no official working-day data for year %d", e.Year)
}

// Day is one date of a year with its kind and note (for GET /calendar/{year}).
type Day struct {
	Date string // YYYY-MM-DD
	Kind string // Workday, Weekend, Holiday or MakeUp
	Note string // e.g. "春节" or "春节调休上班"; empty for ordinary days
}

// year holds the kind of every date of one year.
type year struct {
	kinds []kind         // index: YearDay-1
	notes map[int]string // index as kinds
}

func (y *year) clone() *year {
	c := &year{kinds: slices.Clone(y.kinds), notes: make(map[int]string, len(y.notes))}
	for i, n := range y.notes {
		c.notes[i] = n
	}
	return c
}

// Calendar answers working-day questions for the years it has data for.
// A Calendar is immutable and safe for concurrent use.
type Calendar struct {
	years map[int]*year
	list  []int // ascending
}

// Years lists the years with data, ascending.
func (c *Calendar) Years() []int { return slices.Clone(c.list) }

// DataEnds returns the last date with data: 31 December of the last year, at
// 00:00 Asia/Shanghai. Data covers that whole day; the first instant without
// data is 24 hours later. It returns the zero time for an empty calendar.
func (c *Calendar) DataEnds() time.Time {
	if len(c.list) == 0 {
		return time.Time{}
	}
	return time.Date(c.list[len(c.list)-1], time.December, 31, 0, 0, 0, 0, china.Zone)
}

// civil returns the year and 0-based day of year of t's date in China time.
func civil(t time.Time) (y, yd int) {
	t = t.In(china.Zone)
	return t.Year(), t.YearDay() - 1
}

func (c *Calendar) kindAt(y, yd int) (kind, error) {
	yr := c.years[y]
	if yr == nil {
		return 0, &NoDataError{Year: y}
	}
	return yr.kinds[yd], nil
}

// Kind returns the kind of the civil date of t in Asia/Shanghai, or a
// *NoDataError when that year has no data.
func (c *Calendar) Kind(t time.Time) (string, error) {
	k, err := c.kindAt(civil(t))
	if err != nil {
		return "", err
	}
	return k.String(), nil
}

// IsWorkday reports whether the China-time date of t is a working day
// (Workday or MakeUp), or a *NoDataError when that year has no data.
func (c *Calendar) IsWorkday(t time.Time) (bool, error) {
	k, err := c.kindAt(civil(t))
	return err == nil && k.working(), err
}

// Days returns every date of year with its kind and note, in date order, or a
// *NoDataError when the year has no data.
func (c *Calendar) Days(y int) ([]Day, error) {
	yr := c.years[y]
	if yr == nil {
		return nil, &NoDataError{Year: y}
	}
	days := make([]Day, len(yr.kinds))
	for i, k := range yr.kinds {
		d := time.Date(y, time.January, i+1, 0, 0, 0, 0, time.UTC)
		days[i] = Day{Date: d.Format(time.DateOnly), Kind: k.String(), Note: yr.notes[i]}
	}
	return days, nil
}
