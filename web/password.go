package web

import (
	"net/http"
	"net/url"
)

// passwordData is 修改密码: where to go next, whether an admin set the
// password (the change is due before anything else), the refusals.
type passwordData struct {
	Next   string
	Due    bool
	Errors map[string]string
}

// Err is the refusal of one field, "" when none.
func (d passwordData) Err(field string) string { return d.Errors[field] }

// passwordRoutes are the routes a user whose password an admin set may
// open before choosing their own.
var passwordRoutes = map[string]bool{"GET /me/password": true, "POST /me/password": true, "POST /logout": true}

func (c *console) passwordForm(w http.ResponseWriter, r *http.Request, s *session) {
	c.render(w, r, s, http.StatusOK, "password", passwordData{Next: localPath(r.URL.Query().Get("next")), Due: s.user.MustChangePassword})
}

// changePassword replaces the user's own password: the current one, the
// new one twice. The user's other sessions end; this one stays. Nothing
// typed into a password field is shown again.
func (c *console) changePassword(w http.ResponseWriter, r *http.Request, s *session) {
	d := passwordData{Next: localPath(r.PostFormValue("next")), Due: s.user.MustChangePassword, Errors: map[string]string{}}
	next := r.PostFormValue("new_password")
	if next != r.PostFormValue("repeat_password") {
		d.Errors["repeat_password"] = s.words.Word("the two new passwords differ")
		c.render(w, r, s, http.StatusUnprocessableEntity, "password", d)
		return
	}
	err := c.d.Accounts.ChangePassword(r.Context(), *s.user, s.token, r.PostFormValue("current_password"), next)
	if err != nil {
		status, text := refusal(s, err)
		if d.Errors = fieldErrors(s, err, nil); len(d.Errors) == 0 {
			d.Errors = map[string]string{"": text}
		}
		c.render(w, r, s, status, "password", d)
		return
	}
	to := d.Next
	if s.user.ConfirmedAt == nil { // R21 comes next for a first sign-in
		to = "/me/confirm?next=" + url.QueryEscape(d.Next)
	}
	http.Redirect(w, r, to+sep(to)+"password=changed", http.StatusSeeOther)
}

// sep is what joins one more query parameter to target.
func sep(target string) string {
	for i := range len(target) {
		if target[i] == '?' {
			return "&"
		}
	}
	return "?"
}
