package web

import (
	"net/http"
	"strings"

	"github.com/tide-crm/tide/account"
)

// profileData is 个人信息核对 (R21): the three facts as typed, where to go
// next, and each refusal next to its field.
type profileData struct {
	Email, Mobile, TradeManagerID string
	Next                          string
	Errors                        map[string]string
	Confirmed                     bool // confirmed before: the page was asked for again
}

// Err is the refusal of one field, "" when none.
func (d profileData) Err(field string) string { return d.Errors[field] }

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// profileForm shows 个人信息核对 with what the user has on file. Signing in
// leads here until the user has confirmed once; after that the name in the
// bar does.
func (c *console) profileForm(w http.ResponseWriter, r *http.Request, s *session) {
	u := s.user
	c.render(w, r, s, http.StatusOK, "profile", profileData{Email: deref(u.Email), Mobile: deref(u.Mobile),
		TradeManagerID: deref(u.TradeManagerID), Next: localPath(r.URL.Query().Get("next")), Confirmed: u.ConfirmedAt != nil})
}

// confirmProfile stores and confirms the three facts; a refusal keeps what
// was typed and names each field's reason.
func (c *console) confirmProfile(w http.ResponseWriter, r *http.Request, s *session) {
	d := profileData{Email: strings.TrimSpace(r.PostFormValue("email")), Mobile: strings.TrimSpace(r.PostFormValue("mobile")),
		TradeManagerID: strings.TrimSpace(r.PostFormValue("trade_manager_id")), Next: localPath(r.PostFormValue("next")),
		Confirmed: s.user.ConfirmedAt != nil}
	_, err := c.d.Accounts.UpdateProfile(r.Context(), s.user.ID,
		account.ProfileInput{Email: d.Email, Mobile: d.Mobile, TradeManagerID: d.TradeManagerID, Confirm: true})
	if err == nil {
		http.Redirect(w, r, d.Next, http.StatusSeeOther)
		return
	}
	status, _ := refusal(s, err)
	d.Errors = fieldErrors(s, err, nil)
	c.render(w, r, s, status, "profile", d)
}
