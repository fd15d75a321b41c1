package ruleset

import (
	"sync/atomic"
	"time"

	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workcal"
)

// liveCalendar is the calendar compiled rules call: it always answers from
// the calendar in force, so an override applies without recompiling.
type liveCalendar struct {
	cal atomic.Pointer[workcal.Calendar]
}

func newLiveCalendar() *liveCalendar {
	l := &liveCalendar{}
	l.cal.Store(workcal.Official())
	return l
}

func (l *liveCalendar) current() *workcal.Calendar { return l.cal.Load() }

func (l *liveCalendar) load(os []store.CalendarOverride) error {
	ws := make([]workcal.Override, 0, len(os))
	for _, o := range os {
		ws = append(ws, workcal.Override{Date: o.Date, Kind: o.Kind, Note: o.Note})
	}
	c, err := workcal.Official().WithOverrides(ws)
	if err != nil {
		return err
	}
	l.cal.Store(c)
	return nil
}

// WorkdaysAfter implements rules.Calendar.
func (l *liveCalendar) WorkdaysAfter(t time.Time, n int) (time.Time, error) {
	return l.current().WorkdaysAfter(t, n)
}

// IsWorkday implements rules.Calendar.
func (l *liveCalendar) IsWorkday(t time.Time) (bool, error) { return l.current().IsWorkday(t) }
