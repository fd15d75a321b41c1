package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/people"
)

// sessionCookie carries the session's token, the same kind of token the
// API takes as a bearer: hashed server-side, expiring, ended by logout.
const sessionCookie = "tide_session"

// langCookie remembers the language switch; without it Accept-Language
// decides (Chinese unless the browser prefers English).
const langCookie = "tide_lang"

// session is who is asking and in which language.
type session struct {
	user  *people.User // nil: not signed in
	token string
	words catalog.Localizer
}

// guard reads the session and lets rt run only for its roles: a visitor
// who is not signed in is sent to 登录 (htmx requests by HX-Redirect, so
// the login page never lands inside a fragment), a signed-in user without
// the role gets 403.
func (c *console) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := &session{words: catalog.For(langOf(r))}
		if ck, err := r.Cookie(sessionCookie); err == nil && ck.Value != "" {
			if u, err := c.d.Accounts.Authenticate(r.Context(), ck.Value); err == nil {
				s.user, s.token = &u, ck.Value
			}
		}
		if rt.roles != nil {
			if s.user == nil {
				toLogin(w, r)
				return
			}
			if s.user.MustChangePassword && !passwordRoutes[rt.pattern] {
				// An admin chose this password: the user chooses their own first.
				target := "/me/password?next=" + url.QueryEscape(r.URL.RequestURI())
				if r.Method != http.MethodGet {
					target = "/me/password"
				}
				if r.Header.Get("HX-Request") != "" {
					w.Header().Set("HX-Redirect", target)
					w.WriteHeader(http.StatusForbidden)
					return
				}
				http.Redirect(w, r, target, http.StatusSeeOther)
				return
			}
			if !slices.Contains(rt.roles, s.user.Role) {
				c.render(w, r, s, http.StatusForbidden, "forbidden", nil)
				return
			}
		}
		rt.handle(w, r, s)
	})
}

// toLogin sends the browser to 登录, to come back to where it was.
func toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
	if r.Header.Get("HX-Request") != "" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// setSession stores the token in the cookie until it expires.
func setSession(w http.ResponseWriter, r *http.Request, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

// clearSession removes the cookie.
func clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

// langOf is the switch's choice, else the browser's.
func langOf(r *http.Request) language.Tag {
	if ck, err := r.Cookie(langCookie); err == nil {
		switch ck.Value {
		case "en":
			return catalog.English
		case "zh-CN":
			return catalog.Chinese
		}
	}
	return catalog.Match(r.Header.Get("Accept-Language"))
}

// localPath accepts a path of this site to return to after signing in, and
// nothing that could lead elsewhere ("//host", "/\host", absolute URLs).
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
