package rules

import (
	"fmt"
	"time"

	"github.com/tide-crm/tide/china"
)

// fakeCalendar is Mon–Fri minus a holiday list, with data for some years
// only: asking about another year is an error, as with package workcal.
type fakeCalendar struct {
	years    map[int]bool
	holidays map[string]bool // "2006-01-02" in China time
}

func newFakeCalendar() *fakeCalendar {
	c := &fakeCalendar{years: map[int]bool{2026: true, 2027: true}, holidays: map[string]bool{}}
	// Spring Festival 2026 (make-up workdays left out: Mon–Fri plus holidays).
	for d := time.Date(2026, 2, 16, 0, 0, 0, 0, china.Zone); d.Day() <= 23; d = d.AddDate(0, 0, 1) {
		c.holidays[d.Format(time.DateOnly)] = true
	}
	return c
}

func (c *fakeCalendar) IsWorkday(t time.Time) (bool, error) {
	t = t.In(china.Zone)
	if !c.years[t.Year()] {
		return false, fmt.Errorf("no calendar data for %d", t.Year())
	}
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false, nil
	}
	return !c.holidays[t.Format(time.DateOnly)], nil
}

// WorkdaysAfter returns the start (00:00 China time) of the n-th working
// day after t's date.
func (c *fakeCalendar) WorkdaysAfter(t time.Time, n int) (time.Time, error) {
	y, m, d := t.In(china.Zone).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, china.Zone)
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		ok, err := c.IsWorkday(day)
		if err != nil {
			return time.Time{}, err
		}
		if ok {
			n--
		}
	}
	return day, nil
}
