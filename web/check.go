package web

import (
	"net/http"
	"strings"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/sea"
)

// checkData is the answer of one 录入 field checked when it is left: who
// holds it already, or nobody, or why it cannot be read.
type checkData struct {
	Asked bool
	Hits  []collision.Hit
	Error string
}

// check runs the collision search for one field of 录入 as the rep leaves
// it (R2), before anything is submitted: field=name for the company name,
// field=number for any number field; the value is the field's own
// parameter, which htmx sends by its name.
func (c *console) check(w http.ResponseWriter, r *http.Request, s *session) {
	q := r.URL.Query()
	var value string
	for key, vs := range q {
		if key != "field" && len(vs) > 0 {
			value = strings.TrimSpace(vs[0])
		}
	}
	d := checkData{Asked: value != ""}
	if d.Asked {
		query := sea.Query{Name: value}
		if q.Get("field") == "number" {
			query = sea.Query{Numbers: []intake.EntryNumber{{Type: "landline", Value: value}}}
		}
		res, err := c.d.Seas.Search(r.Context(), query)
		if err != nil {
			_, text := refusal(s, err)
			d.Error = fieldReason(s, err, text)
		}
		d.Hits = res.Hits
	}
	c.renderFragment(w, s, http.StatusOK, "enter", "check", d)
}
