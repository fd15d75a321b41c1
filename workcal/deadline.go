package workcal

import (
	"fmt"
	"time"

	"github.com/tide-crm/tide/china"
)

// WorkdaysAfter returns the deadline of n working days counted from the day
// after t (China time): the end of the n-th working day after t's date, that
// is 24:00 Asia/Shanghai of that day, returned as 00:00 of the next calendar
// day. t's own date never counts, whatever its kind or time of day.
//
// n must be ≥ 1. When the counting reaches a year without data the error is a
// *NoDataError naming that year; nothing is guessed.
func (c *Calendar) WorkdaysAfter(t time.Time, n int) (time.Time, error) {
	if n < 1 {
		return time.Time{}, fmt.Errorf("workcal: WorkdaysAfter needs n ≥ 1, got %d", n)
	}
	y, yd := civil(t)
	yr := c.years[y] // may be nil: t's own date needs no data
	for n > 0 {
		yd++
		if yd >= daysIn(y) {
			y, yd = y+1, 0
			yr = c.years[y]
		}
		if yr == nil {
			return time.Time{}, &NoDataError{Year: y}
		}
		if yr.kinds[yd].working() {
			n--
		}
	}
	// Day yd+1 of January normalises to the date; +1 more is the next day.
	return time.Date(y, time.January, yd+2, 0, 0, 0, 0, china.Zone), nil
}

// daysIn returns the number of days of year y.
func daysIn(y int) int {
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 366
	}
	return 365
}
