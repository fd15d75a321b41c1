package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auditlog"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/imports"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// fixture is the API over a real database, without Temporal: enough for
// authentication, roles, validation and the error answers.
type fixture struct {
	t      *testing.T
	srv    *httptest.Server
	store  *store.Store
	tokens map[string]string // role → token of a user with that role
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.Open(context.Background(), dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	seas := &sea.Service{Store: st} // no Protector: these tests never reach Temporal
	deps := api.Deps{
		Accounts:   &account.Service{Store: st, TokenTTL: time.Hour},
		Seas:       seas,
		Duplicates: seas,
		Audit:      &auditlog.Service{Store: st},
		Imports:    &imports.Service{Store: st, Seas: seas},
		Ready:      map[string]api.Check{"postgres": st.Ping},
	}
	f := &fixture{t: t, srv: httptest.NewServer(api.New(deps)), store: st, tokens: map[string]string{}}
	t.Cleanup(f.srv.Close)
	hash, err := auth.HashPassword("password1", bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range people.Roles {
		if _, err := st.CreateUser(context.Background(), people.NewUser{Username: role + "1", Name: role, Role: role, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
		f.tokens[role] = f.anon().Login(role+"1", "password1").Token
	}
	return f
}

func (f *fixture) as(role string) apitest.Client {
	return apitest.Client{T: f.t, Base: f.srv.URL, Token: f.tokens[role]}
}

func (f *fixture) anon() apitest.Client { return apitest.Client{T: f.t, Base: f.srv.URL} }

// concrete fills a route's path parameters.
func concrete(path string) string { return strings.ReplaceAll(path, ":id", "1") }

func TestEveryProtectedRouteWants401WithoutToken(t *testing.T) {
	f := newFixture(t)
	for _, rt := range api.Routes(api.Deps{}) {
		if rt.Roles == nil {
			continue
		}
		p := f.anon().Problem(rt.Method, concrete(rt.Path), nil, 401)
		if p.Type != "urn:tide:problem:unauthenticated" {
			t.Errorf("%s %s: type %s", rt.Method, rt.Path, p.Type)
		}
		f.anon().As("not-a-token").Problem(rt.Method, concrete(rt.Path), nil, 401)
	}
}

func TestEveryRouteRefusesOtherRolesWith403(t *testing.T) {
	f := newFixture(t)
	checked := 0
	for _, rt := range api.Routes(api.Deps{}) {
		if rt.Roles == nil {
			continue
		}
		for _, role := range people.Roles {
			if slices.Contains(rt.Roles, role) {
				continue
			}
			p := f.as(role).Problem(rt.Method, concrete(rt.Path), `{}`, 403)
			if p.Type != "urn:tide:problem:forbidden" {
				t.Errorf("%s %s as %s: type %s", rt.Method, rt.Path, role, p.Type)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d role refusals checked; the route table lost its roles?", checked)
	}
}

func TestLogin(t *testing.T) {
	f := newFixture(t)
	var lr api.LoginResponse
	f.anon().Do("POST", "/api/v1/auth/login", map[string]string{"username": "rep1", "password": "password1"}, 200, &lr)
	if lr.Token == "" || lr.User.Role != "rep" || time.Until(lr.ExpiresAt) < 59*time.Minute {
		t.Fatalf("login answer %+v", lr)
	}
	wrongPass := f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{"username": "rep1", "password": "nope"}, 401)
	noUser := f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{"username": "ghost", "password": "nope"}, 401)
	if wrongPass.Detail != noUser.Detail {
		t.Error("a wrong password and an unknown user answer differently")
	}
	p := f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{}, 422)
	if len(p.Errors) != 2 {
		t.Errorf("missing username and password: errors %+v", p.Errors)
	}
}

func TestMeAndPersonalInfo(t *testing.T) {
	f := newFixture(t)
	var me api.MeView
	f.as("rep").Do("GET", "/api/v1/me", nil, 200, &me)
	if me.Username != "rep1" || me.ConfirmedAt != nil {
		t.Fatalf("me = %+v", me)
	}
	p := f.as("rep").Problem("PUT", "/api/v1/me", map[string]any{"email": "not-mail", "mobile": "12", "confirm": true}, 422)
	fields := map[string]bool{}
	for _, e := range p.Errors {
		fields[e.Field] = true
	}
	if !fields["email"] || !fields["mobile"] || !fields["confirm"] {
		t.Errorf("offending fields %+v, want email, mobile and confirm", p.Errors)
	}
	f.as("rep").Do("GET", "/api/v1/me", nil, 200, &me)
	if me.Email != nil {
		t.Error("a refused update changed the profile")
	}
	f.as("rep").Do("PUT", "/api/v1/me", map[string]any{
		"email": "rep1@example.com", "mobile": "138 0013 8000", "trade_manager_id": "cn-rep1", "confirm": true}, 200, &me)
	if me.Email == nil || *me.Email != "rep1@example.com" || me.ConfirmedAt == nil || *me.TradeManagerID != "cn-rep1" {
		t.Fatalf("after confirm: %+v", me)
	}
}

func TestUsersListForAdmin(t *testing.T) {
	f := newFixture(t)
	var out struct{ Items []api.UserView }
	f.as("admin").Do("GET", "/api/v1/users", nil, 200, &out)
	if len(out.Items) != len(people.Roles) {
		t.Fatalf("%d users, want %d", len(out.Items), len(people.Roles))
	}
}

func TestEntryValidationNamesEveryField(t *testing.T) {
	f := newFixture(t)
	p := f.as("rep").Problem("POST", "/api/v1/resources", map[string]any{
		"kind": "company", "name": " ", "region": "",
		"contacts": []map[string]string{{"name": "", "mobile": "12"}},
		"numbers":  []map[string]string{{"type": "pager", "value": "123456789"}},
	}, 422)
	if p.Type != "urn:tide:problem:validation" {
		t.Errorf("type %s", p.Type)
	}
	got := map[string]bool{}
	for _, e := range p.Errors {
		got[e.Field] = true
	}
	for _, want := range []string{"kind", "name", "region", "contacts[0].name", "contacts[0].mobile.value", "numbers[0].type"} {
		if !got[want] {
			t.Errorf("field %s not reported; got %+v", want, p.Errors)
		}
	}
	p = f.as("rep").Problem("POST", "/api/v1/resources", map[string]any{
		"kind": "individual", "name": "张三", "region": "杭州", "contacts": []map[string]string{{"name": "张三"}},
	}, 422)
	if len(p.Errors) != 1 || p.Errors[0].Field != "numbers" {
		t.Errorf("an entry without numbers: %+v", p.Errors)
	}
	var list api.ResourceList
	f.as("rep").Do("GET", "/api/v1/resources?sea=mine", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Errorf("refused entries left %d resources", len(list.Items))
	}
}

func TestMalformedRequests(t *testing.T) {
	f := newFixture(t)
	for _, body := range []string{``, `{`, `[1]`, `{"kind": 5}`, `{"unknown": 1}`, `{} {}`} {
		p := f.as("rep").Problem("POST", "/api/v1/resources", body, 400)
		if p.Type != "urn:tide:problem:malformed" {
			t.Errorf("body %q: type %s", body, p.Type)
		}
	}
	f.as("rep").Problem("GET", "/api/v1/resources/abc", nil, 400)
	f.as("rep").Problem("GET", "/api/v1/resources/99", nil, 404)
	f.as("rep").Problem("GET", "/api/v1/nowhere", nil, 404)
	f.as("rep").Problem("DELETE", "/api/v1/me", nil, 405)
	p := f.as("rep").Problem("GET", "/api/v1/resources?sea=theirs&limit=0", nil, 422)
	if len(p.Errors) != 2 {
		t.Errorf("bad list parameters: %+v", p.Errors)
	}
}

// With no Temporal behind it, a valid entry must fail whole: a problem
// answer, no panic, and nothing written.
func TestDependencyFailureLeavesNothingHalfWritten(t *testing.T) {
	f := newFixture(t)
	p := f.as("rep").Problem("POST", "/api/v1/resources", map[string]any{
		"kind": "enterprise", "name": "苏州日东精密电子有限公司", "region": "苏州",
		"contacts": []map[string]string{{"name": "王经理", "mobile": "13800138000"}},
	}, 500)
	if strings.Contains(p.Detail, "nil pointer") {
		t.Errorf("internal detail leaked: %s", p.Detail)
	}
	var list api.ResourceList
	f.as("rep").Do("GET", "/api/v1/resources?sea=mine", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Errorf("a failed entry left %d resources", len(list.Items))
	}
}

// Health answers anyone; the metrics are not on the API's port, which
// faces users (they count everyone's traffic and business), but served
// apart on TIDE_METRICS_ADDR — here the handler alone.
func TestHealthAndMetrics(t *testing.T) {
	f := newFixture(t)
	f.anon().Do("GET", "/healthz", nil, 200, nil)
	f.anon().Do("GET", "/readyz", nil, 200, nil)
	f.anon().Problem("GET", "/metrics", nil, 404)
	srv := httptest.NewServer(metrics.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), `tide_http_requests_total{method="GET",route="/readyz",status="200"}`) {
		t.Errorf("metrics do not count requests:\n%.500s", b)
	}
}
