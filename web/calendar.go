package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/workcal"
)

// Calendar is the working-day calendar's service (R16); ruleset.Set
// implements it.
type Calendar interface {
	CalendarYear(year int) ([]workcal.Day, error)
	SetCalendarDay(ctx context.Context, actor people.User, date, kind, note string) error
	WarningTexts(now time.Time) []fault.Text
}

// calendarData is 日历: a year as twelve month grids, everyone reads it;
// admins override a day with a note.
type calendarData struct {
	Year     int
	Months   []calMonth
	NoData   bool // the year has no official data: deadlines in it cannot be counted
	Admin    bool
	Warnings []string
	Form     dayForm
	Done     string
}

// calMonth is one month: its name and its weeks, Monday first; a zero
// day is a blank before the 1st or after the last.
type calMonth struct {
	Month int
	Weeks [][7]workcal.Day
}

// dayForm is an override as typed, with its refusal.
type dayForm struct {
	Date, Kind, Note string
	Errors           map[string]string
}

// Err is the refusal of one field, "" when none.
func (f dayForm) Err(field string) string { return f.Errors[field] }

// Num is the day of the month of a date, "" for a blank.
func (calendarData) Num(d workcal.Day) string {
	if len(d.Date) < 10 {
		return ""
	}
	return strings.TrimPrefix(d.Date[8:], "0")
}

func (c *console) calendar(w http.ResponseWriter, r *http.Request, s *session) {
	year := time.Now().In(china.Zone).Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 1900 && y <= 2200 {
		year = y
	}
	c.renderCalendar(w, r, s, http.StatusOK, calendarData{Year: year, Done: r.URL.Query().Get("done")})
}

func (c *console) renderCalendar(w http.ResponseWriter, r *http.Request, s *session, status int, d calendarData) {
	d.Admin = s.user.Role == people.RoleAdmin
	if d.Admin {
		for _, t := range c.d.Calendar.WarningTexts(time.Now()) {
			d.Warnings = append(d.Warnings, s.words.Text(t))
		}
	}
	days, err := c.d.Calendar.CalendarYear(d.Year)
	if err != nil {
		if !fault.Is(err, fault.NotFound) {
			status, _ = refusal(s, err)
		}
		d.NoData = true
		c.render(w, r, s, status, "calendar", d)
		return
	}
	d.Months = monthGrids(days)
	c.render(w, r, s, status, "calendar", d)
}

// monthGrids lays a year's days out as months of weeks, Monday first.
func monthGrids(days []workcal.Day) []calMonth {
	var out []calMonth
	for _, day := range days {
		t, err := time.Parse("2006-01-02", day.Date)
		if err != nil {
			continue
		}
		if t.Day() == 1 {
			out = append(out, calMonth{Month: int(t.Month())})
		}
		if len(out) == 0 {
			continue
		}
		m := &out[len(out)-1]
		col := (int(t.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
		if t.Day() == 1 || col == 0 {
			m.Weeks = append(m.Weeks, [7]workcal.Day{})
		}
		m.Weeks[len(m.Weeks)-1][col] = day
	}
	return out
}

// setDay overrides one date (admins): a holiday, a make-up working day, an
// ordinary day again, with a note.
func (c *console) setDay(w http.ResponseWriter, r *http.Request, s *session) {
	f := dayForm{Date: strings.TrimSpace(r.PostFormValue("date")), Kind: r.PostFormValue("kind"), Note: r.PostFormValue("note")}
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	if t, err := time.Parse("2006-01-02", f.Date); err == nil {
		year = t.Year()
	}
	if err := c.d.Calendar.SetCalendarDay(r.Context(), *s.user, f.Date, f.Kind, f.Note); err != nil {
		status, text := refusal(s, err)
		if f.Errors = fieldErrors(s, err, nil); len(f.Errors) == 0 {
			f.Errors = map[string]string{"date": text}
		}
		c.renderCalendar(w, r, s, status, calendarData{Year: year, Form: f})
		return
	}
	http.Redirect(w, r, "/calendar?year="+strconv.Itoa(year)+"&done="+f.Date, http.StatusSeeOther)
}
