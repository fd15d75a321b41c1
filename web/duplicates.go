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
	if err := c.openPairs(r, s, &d); err != nil {
		status, d.Error = refusal(s, err)
	}
	c.render(w, r, s, status, "duplicates", d)
}

// openPairs fills d with the open pairs, strongest first.
func (c *console) openPairs(r *http.Request, s *session, d *duplicatesData) error {
	rs, err := c.d.Duplicates.Reviews(r.Context(), *s.user, store.ReviewFilter{State: likeness.StateOpen})
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
	return err
}

// decide closes a pair as two companies or as one (verdict); a pair
// another decided first is answered on the queue, which no longer lists it.
func (c *console) decide(how func(Duplicates, context.Context, people.User, int64) (likeness.Review, error), verdict string) func(http.ResponseWriter, *http.Request, *session) {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		id, ok := pathID(w, r)
		if !ok {
			return
		}
		if _, err := how(c.d.Duplicates, r.Context(), *s.user, id); err != nil {
			var d duplicatesData
			status, text := refusal(s, err)
			_ = c.openPairs(r, s, &d) // the queue as it stands; the refusal is what to say
			d.Error = text
			c.render(w, r, s, status, "duplicates", d)
			return
		}
		http.Redirect(w, r, "/duplicates?decided="+verdict, http.StatusSeeOther)
	}
}
