package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// While the database is away every request that needs it answers 503
// unavailable with Retry-After, whichever way the failure escaped the store
// (a lost connection, a refused connect, a failed Begin); /readyz says so;
// and once it is back the same requests succeed, without a restart.
func TestDatabaseOutageAnswers503(t *testing.T) {
	outage, url := dbtest.NewOutage(t, dbtest.New(t))
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	srv := httptest.NewServer(api.New(api.Deps{
		Accounts: &account.Service{Store: st, TokenTTL: time.Hour},
		Seas:     &sea.Service{Store: st},
		Ready:    map[string]api.Check{"postgres": st.Ping},
	}))
	t.Cleanup(srv.Close)
	hash, _ := auth.HashPassword("password1", bcrypt.MinCost)
	if _, err := st.CreateUser(context.Background(), people.NewUser{Username: "rep1", Name: "Rep", Role: people.RoleRep, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	anon := apitest.Client{T: t, Base: srv.URL}
	rep := anon.Login("rep1", "password1")

	requests := []struct {
		c            apitest.Client
		method, path string
		body         any
	}{
		{anon, "POST", "/api/v1/auth/login", map[string]string{"username": "rep1", "password": "password1"}},
		{rep, "GET", "/api/v1/me", nil},
		{rep, "GET", "/api/v1/resources?sea=mine", nil},
		{rep, "GET", "/api/v1/resources/1", nil},
		{rep, "GET", "/api/v1/notifications", nil},
	}
	outage.Cut()
	for round := range 3 { // the first round meets broken pooled connections, the next refused connects
		for _, r := range requests {
			resp := r.c.Do(r.method, r.path, r.body, http.StatusServiceUnavailable, nil)
			if resp.Header.Get("Retry-After") == "" {
				t.Errorf("round %d %s %s: 503 without Retry-After", round, r.method, r.path)
			}
		}
	}
	anon.Problem("GET", "/api/v1/me", nil, 401) // no database needed to refuse a missing token
	rep.Problem("GET", "/api/v1/resources/1", nil, http.StatusServiceUnavailable)
	anon.Do("GET", "/readyz", nil, http.StatusServiceUnavailable, nil)

	outage.Restore()
	rep.Do("GET", "/api/v1/me", nil, 200, nil)
	rep.Do("GET", "/api/v1/resources?sea=mine", nil, 200, nil)
	anon.Do("GET", "/readyz", nil, 200, nil)
}
