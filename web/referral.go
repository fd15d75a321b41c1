package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tide-crm/tide/referrals"
)

// referData is 转给负责人 (R5): the lead the requester hands to the owner of
// a resource their search hit, with a note.
type referData struct {
	ID                                        int64
	Q                                         string // the search to go back to
	Company, Contact, Mobile, Landline, Email string
	Note                                      string
	Errors                                    map[string]string
	Refusal                                   string
}

// Err is the refusal of one field, "" when none.
func (d referData) Err(field string) string { return d.Errors[field] }

// referForm offers the lead prefilled from the search that hit: the name
// as the company, or the number as a landline or a mobile.
func (c *console) referForm(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	d := referData{ID: id, Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	switch {
	case !looksLikeNumber(d.Q):
		d.Company = d.Q
	case isMobile(d.Q):
		d.Mobile = d.Q
	default:
		d.Landline = d.Q
	}
	c.render(w, r, s, http.StatusOK, "refer", d)
}

// refer hands the lead over; the owner is notified, the requester goes back
// to the search with what happened.
func (c *console) refer(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	d := referData{ID: id, Q: r.PostFormValue("q"), Company: r.PostFormValue("company"), Contact: r.PostFormValue("contact"),
		Mobile: r.PostFormValue("mobile"), Landline: r.PostFormValue("landline"), Email: r.PostFormValue("email"),
		Note: r.PostFormValue("note")}
	_, err := c.d.Referrals.Refer(r.Context(), *s.user, id, d.Note, referrals.Lead{Company: d.Company, Contact: d.Contact,
		Mobile: d.Mobile, Landline: d.Landline, Email: d.Email})
	if err == nil {
		http.Redirect(w, r, "/search?"+url.Values{"q": {d.Q}, "referred": {"1"}}.Encode(), http.StatusSeeOther)
		return
	}
	status, text := refusal(s, err)
	if d.Errors = fieldErrors(s, err, nil); len(d.Errors) == 0 {
		d.Refusal = text
	}
	c.render(w, r, s, status, "refer", d)
}

// pathID reads the {id} of the path; a malformed one is 404.
func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		http.NotFound(w, r)
		return 0, false
	}
	return id, true
}

// isMobile says whether a number as typed is a mainland mobile: eleven
// digits starting with 1, perhaps after +86.
func isMobile(q string) bool {
	var digits []rune
	for _, r := range q {
		if r >= '0' && r <= '9' {
			digits = append(digits, r)
		}
	}
	s := strings.TrimPrefix(string(digits), "86")
	return len(s) == 11 && s[0] == '1'
}
