package web

import (
	"context"
	"net/http"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
)

// duplicatesData is 疑似撞单: the pairs raised to sales support, strongest
// first, each with why it looks like one company and the decision.
type duplicatesData struct {
	Rows    []dupRow
	Error   string
	Decided string // the pair just decided
}

// dupRow is one pair as the queue shows it.
type dupRow struct {
	likeness.Review
	Raised string // when, in China's time
	Why    string // the reasons, joined
}

func (c *console) duplicates(w http.ResponseWriter, r *http.Request, s *session) {
	d := duplicatesData{Decided: r.URL.Query().Get("decided")}
	status := http.StatusOK
	rs, err := c.d.Duplicates.Reviews(r.Context(), *s.user, store.ReviewFilter{State: likeness.StateOpen})
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	for _, p := range rs {
		row := dupRow{Review: p, Raised: china.Minute(p.RaisedAt)}
		for i, why := range p.Reasons {
			if i > 0 {
				row.Why += "；"
			}
			row.Why += why.Text
		}
		d.Rows = append(d.Rows, row)
	}
	c.render(w, r, s, status, "duplicates", d)
}

// decide closes a pair as two companies or as one; a pair another decided
// first is answered on the queue, which no longer lists it.
func (c *console) decide(how func(Duplicates, context.Context, people.User, int64) (likeness.Review, error), verdict string) func(http.ResponseWriter, *http.Request, *session) {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		c.decided(w, r, s, how, verdict)
	}
}

func (c *console) decided(w http.ResponseWriter, r *http.Request, s *session, how func(Duplicates, context.Context, people.User, int64) (likeness.Review, error), verdict string) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if _, err := how(c.d.Duplicates, r.Context(), *s.user, id); err != nil {
		status, text := refusal(s, err)
		d := duplicatesData{Error: text}
		if rs, err := c.d.Duplicates.Reviews(r.Context(), *s.user, store.ReviewFilter{State: likeness.StateOpen}); err == nil {
			for _, p := range rs {
				d.Rows = append(d.Rows, dupRow{Review: p, Raised: china.Minute(p.RaisedAt)})
			}
		}
		c.render(w, r, s, status, "duplicates", d)
		return
	}
	http.Redirect(w, r, "/duplicates?decided="+verdict, http.StatusSeeOther)
}
