package api_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/tide-crm/tide/api"
)

// Failed sign-ins are throttled: after five wrong passwords for one user
// even the right one is refused with 429 and Retry-After (60 wrong, then
// right, got in before); twenty failures from one address stop every
// username from it.
func TestLoginIsThrottled(t *testing.T) {
	f := newFixture(t)
	for i := range 5 {
		f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{"username": "rep1", "password": "wrong" + strconv.Itoa(i)}, 401)
	}
	for _, pass := range []string{"wrong again", "password1"} {
		var p api.Problem
		resp := f.anon().Do("POST", "/api/v1/auth/login", map[string]string{"username": "rep1", "password": pass}, 429, &p)
		if p.Type != "urn:tide:problem:too-many-requests" || resp.Header.Get("Retry-After") == "" {
			t.Errorf("password %q after five failures: %+v, Retry-After %q", pass, p, resp.Header.Get("Retry-After"))
		}
	}
	f.anon().Login("support1", "password1") // another user from the same address still signs in

	// From one address: 20 failures over many names (five spent above; a
	// token comes back every 3 s), then every name waits.
	refused := 0
	for i := 0; i < 40 && refused == 0; i++ {
		resp := f.anon().Do("POST", "/api/v1/auth/login", map[string]string{"username": fmt.Sprintf("ghost%d", i), "password": "x"}, 0, nil)
		switch resp.StatusCode {
		case 401:
		case 429:
			refused = i + 1
		default:
			t.Fatalf("ghost%d: %d", i, resp.StatusCode)
		}
	}
	if refused < 15 {
		t.Fatalf("refused after %d unknown names, want after 15 or more (or never: %d)", refused, refused)
	}
	f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{"username": "admin1", "password": "password1"}, 429)
}

// Logout ends one session, "log out everywhere" all of them, and a changed
// password ends every session but the one that changed it.
func TestLogoutAndPasswordChange(t *testing.T) {
	f := newFixture(t)
	a, b := f.anon().Login("rep1", "password1"), f.anon().Login("rep1", "password1")
	a.Do("POST", "/api/v1/auth/logout", nil, 204, nil)
	a.Problem("GET", "/api/v1/me", nil, 401)
	b.Do("GET", "/api/v1/me", nil, 200, nil)
	c := f.anon().Login("rep1", "password1")
	b.Do("POST", "/api/v1/auth/logout-all", nil, 204, nil)
	b.Problem("GET", "/api/v1/me", nil, 401)
	c.Problem("GET", "/api/v1/me", nil, 401)

	d, e := f.anon().Login("rep1", "password1"), f.anon().Login("rep1", "password1")
	for _, tt := range []struct {
		body  map[string]string
		field string
	}{
		{map[string]string{"current_password": "nope", "new_password": "a long new one"}, "current_password"},
		{map[string]string{"current_password": "password1", "new_password": "short"}, "new_password"},
		{map[string]string{"current_password": "password1", "new_password": "rep1"}, "new_password"},
		{map[string]string{"current_password": "password1", "new_password": "password1"}, "new_password"},
	} {
		p := d.Problem("PUT", "/api/v1/me/password", tt.body, 422)
		if len(p.Errors) == 0 || p.Errors[0].Field != tt.field {
			t.Errorf("%v: errors %+v, want %s", tt.body, p.Errors, tt.field)
		}
	}
	d.Do("PUT", "/api/v1/me/password", map[string]string{"current_password": "password1", "new_password": "a long new one"}, 204, nil)
	d.Do("GET", "/api/v1/me", nil, 200, nil)
	e.Problem("GET", "/api/v1/me", nil, 401)
	f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{"username": "rep1", "password": "password1"}, 401)
	f.anon().Login("rep1", "a long new one")
}

// The scheme of Authorization is case-insensitive (RFC 7235).
func TestBearerSchemeIsCaseInsensitive(t *testing.T) {
	f := newFixture(t)
	tok := f.tokens["rep"]
	for _, h := range []string{"Bearer " + tok, "bearer " + tok, "BEARER  " + tok} {
		req, _ := http.NewRequest("GET", f.srv.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", h)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("Authorization %q: %d", h[:8], resp.StatusCode)
		}
	}
}

// Every answer tells a browser not to sniff, frame, cache it or leak the
// URL as a referrer.
func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/api/v1/me", "/api/v1/resources/999"} {
		resp := f.as("rep").Do("GET", path, nil, map[string]int{"/api/v1/me": 200, "/api/v1/resources/999": 404}[path], nil)
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
			"Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s: %s = %q, want %q", path, h, got, want)
			}
		}
	}
}
