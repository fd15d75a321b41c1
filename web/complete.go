package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/tide-crm/tide/application"
)

// proposedEntry is an application's proposed resource as the service keeps
// it, to fill 录入 when the rep completes the approved entry (R9).
type proposedEntry struct {
	Kind, Name, Region string
	Numbers            []struct{ Type, Value string }
	Contacts           []struct {
		Name, Title, Email string
		Numbers            []struct{ Type, Value string }
	}
}

// completionForm is 录入 filled from application id, approved for the rep
// to enter: what they proposed, which they may correct before entering.
func (c *console) completionForm(w http.ResponseWriter, r *http.Request, s *session, id int64) {
	a, _, err := c.d.Applications.Get(r.Context(), *s.user, id)
	d := emptyEntry()
	if err != nil {
		_, d.Refusal = refusal(s, err)
		c.render(w, r, s, http.StatusOK, "enter", d)
		return
	}
	d.ApplicationID = strconv.FormatInt(a.ID, 10)
	var p proposedEntry
	if a.State != application.Approved || json.Unmarshal(a.Proposed, &p) != nil {
		d.Refusal = s.words.Word("this application is not waiting for your entry")
		c.render(w, r, s, http.StatusConflict, "enter", d)
		return
	}
	d.Kind, d.Name, d.Region = p.Kind, p.Name, p.Region
	for i, n := range p.Numbers {
		if i < entryRows {
			d.Numbers[i] = numberRow{Type: n.Type, Value: n.Value}
		}
	}
	for i, ct := range p.Contacts {
		if i >= entryRows {
			break
		}
		d.Contacts[i] = contactRow{Name: ct.Name, Title: ct.Title, Email: ct.Email}
		for _, n := range ct.Numbers {
			if n.Type == "mobile" {
				d.Contacts[i].Mobile = n.Value
			}
		}
	}
	c.render(w, r, s, http.StatusOK, "enter", d)
}
