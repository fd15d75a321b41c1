package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/tide-crm/tide/fault"
)

// loginData is what 登录 shows: what was typed (never the password), where
// to go next, and the refusal next to its field.
type loginData struct {
	Username string
	Next     string
	Error    string // under the password field
}

func (c *console) loginForm(w http.ResponseWriter, r *http.Request, s *session) {
	if s.user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	c.render(w, r, s, http.StatusOK, "login", loginData{Next: localPath(r.URL.Query().Get("next"))})
}

// login signs in with the form's username and password; a refusal
// re-renders the form with the username kept and the reason shown.
func (c *console) login(w http.ResponseWriter, r *http.Request, s *session) {
	username, password := strings.TrimSpace(r.PostFormValue("username")), r.PostFormValue("password")
	data := loginData{Username: username, Next: localPath(r.PostFormValue("next"))}
	addr, _, _ := net.SplitHostPort(r.RemoteAddr)
	sess, err := c.d.Accounts.Login(r.Context(), username, password, addr)
	if err != nil {
		status, text := refusal(s, err)
		data.Error = text
		c.render(w, r, s, status, "login", data)
		return
	}
	setSession(w, r, sess.Token, sess.ExpiresAt)
	if sess.User.MustChangePassword { // an admin chose the password: the user's own comes first
		http.Redirect(w, r, "/me/password?next="+url.QueryEscape(data.Next), http.StatusSeeOther)
		return
	}
	if sess.User.ConfirmedAt == nil { // R21: confirm the personal information first
		http.Redirect(w, r, "/me/confirm?next="+url.QueryEscape(data.Next), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, data.Next, http.StatusSeeOther)
}

// logout ends the session on the server, not only the cookie.
func (c *console) logout(w http.ResponseWriter, r *http.Request, s *session) {
	if s.token != "" {
		_ = c.d.Accounts.Logout(r.Context(), s.token)
	}
	clearSession(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// switchLanguage remembers zh-CN or en and goes back to the page.
func (c *console) switchLanguage(w http.ResponseWriter, r *http.Request, _ *session) {
	tag := r.PathValue("tag")
	if tag != "en" && tag != "zh-CN" {
		http.NotFound(w, r)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: tag, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// refusal is the status and the words of a service's error, in the
// asker's language, as the API's problem documents say it.
func refusal(s *session, err error) (int, string) {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return http.StatusInternalServerError, s.words.Word("the server failed to handle the request; it has been logged")
	}
	status := map[fault.Kind]int{fault.Unauthenticated: http.StatusUnauthorized, fault.TooManyRequests: http.StatusTooManyRequests,
		fault.NotFound: http.StatusNotFound, fault.Forbidden: http.StatusForbidden,
		fault.Invalid: http.StatusUnprocessableEntity, fault.Unavailable: http.StatusServiceUnavailable}[fe.Kind]
	if status == 0 {
		status = http.StatusConflict
	}
	if fe.Kind == fault.Unavailable {
		return status, s.words.Word("a dependency is unavailable; try again shortly")
	}
	return status, s.words.Text(fe.Text)
}
