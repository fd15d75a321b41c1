package web

import (
	"net/http"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
)

// soonDays is how far ahead 工作台 looks for protections ending.
const soonDays = 30

// homeData is 工作台: the rep's room against capacity.limit, the resources
// whose protection ends within 30 days, and the unread notifications.
type homeData struct {
	Rep      bool
	Room     sea.Room
	Full     bool // no room left: the next entry or pick is refused
	Soon     []mineRow
	Open     []appRow // applications waiting for sales support or for the rep (R9, R10)
	Unread   int
	Error    string
	Warnings []string // what an admin must act on soon (the calendar's data running out, R16)
}

// home is 工作台, the first screen after signing in.
func (c *console) home(w http.ResponseWriter, r *http.Request, s *session) {
	d := homeData{Rep: s.user.Role == "rep"}
	status := http.StatusOK
	fail := func(err error) {
		if err != nil && d.Error == "" {
			status, d.Error = refusal(s, err)
		}
	}
	notes, err := c.d.Accounts.Notifications(r.Context(), s.user.ID, true)
	fail(err)
	d.Unread = len(notes)
	if d.Rep || s.user.Role == people.RoleAssistant {
		now := time.Now()
		for _, state := range []string{application.Approved, application.Pending} {
			as, err := c.d.Applications.Mine(r.Context(), *s.user, application.Filter{UserID: s.user.ID, State: state})
			fail(err)
			for _, a := range as {
				d.Open = append(d.Open, openRow(s, a, now))
			}
		}
	}
	if d.Rep {
		d.Room, err = c.d.Seas.Room(r.Context(), *s.user)
		fail(err)
		d.Full = err == nil && d.Room.Held >= d.Room.Limit
		now := time.Now()
		rs, err := c.d.Seas.List(r.Context(), *s.user, resource.ListFilter{Sea: resource.SeaPrivate, OwnerID: s.user.ID,
			ByDeadline: true, Limit: 20, Until: &resource.TimeRange{To: china.Midnight(now, soonDays+1)}})
		fail(err)
		for _, res := range rs {
			d.Soon = append(d.Soon, newMineRow(res, now))
		}
	}
	if s.user.Role == people.RoleAdmin {
		for _, t := range c.d.Calendar.WarningTexts(time.Now()) {
			d.Warnings = append(d.Warnings, s.words.Text(t))
		}
	}
	c.render(w, r, s, status, "home", d)
}
