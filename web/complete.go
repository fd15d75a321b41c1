package web

import (
	"net/http"
	"strconv"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/applications"
)

// completionForm is 录入 filled from application id, approved for the rep
// to enter (R9): what they proposed, which they may correct before entering.
func (c *console) completionForm(w http.ResponseWriter, r *http.Request, s *session, id int64) {
	d := emptyEntry()
	a, _, err := c.d.Applications.Get(r.Context(), *s.user, id)
	if err != nil {
		status, text := refusal(s, err)
		d.Refusal = text
		c.render(w, r, s, status, "enter", d)
		return
	}
	d.ApplicationID = strconv.FormatInt(a.ID, 10)
	e, err := applications.ProposedEntry(a)
	if err != nil || a.State != application.Approved {
		d.Refusal = s.words.Word("this application is not waiting for your entry")
		c.render(w, r, s, http.StatusConflict, "enter", d)
		return
	}
	d.Kind, d.Name, d.Region = e.Kind, e.Name, e.Region
	for i, n := range e.Numbers {
		if i < entryRows {
			d.Numbers[i] = numberRow{Type: n.Type, Value: n.Value}
		}
	}
	for i, ct := range e.Contacts {
		if i < entryRows {
			d.Contacts[i] = contactRow{Name: ct.Name, Title: ct.Title, Mobile: ct.Mobile, Email: ct.Email}
		}
	}
	c.render(w, r, s, http.StatusOK, "enter", d)
}
