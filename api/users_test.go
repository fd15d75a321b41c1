package api_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/auditlog"
)

// An admin creates a user, who must choose their own password before
// anything else; the admin changes the role, resets the password (the
// user's sessions end and the change is due again), disables the user
// (refused from then on) and enables them; each change is audited.
func TestAdminManagesUsers(t *testing.T) {
	f := newFixture(t)
	admin := f.as("admin")
	p := admin.Problem("POST", "/api/v1/users", map[string]string{"username": "Rep 4", "name": "", "role": "boss", "password": "short"}, 422)
	fields := map[string]bool{}
	for _, e := range p.Errors {
		fields[e.Field] = true
	}
	if !fields["username"] || !fields["name"] || !fields["role"] || !fields["password"] {
		t.Errorf("a bad user: fields %+v", p.Errors)
	}
	var u api.AdminUserView
	resp := admin.Do("POST", "/api/v1/users", map[string]string{"username": "rep4", "name": "Rep Four", "role": "rep",
		"password": "first-pass-1"}, 201, &u)
	if resp.Header.Get("Location") != "/api/v1/users/rep4" || !u.MustChangePassword || u.Disabled || u.Role != "rep" {
		t.Fatalf("created %+v at %s", u, resp.Header.Get("Location"))
	}
	admin.Problem("POST", "/api/v1/users", map[string]string{"username": "rep4", "name": "Again", "role": "rep", "password": "first-pass-1"}, 409)

	rep4 := f.anon().Login("rep4", "first-pass-1")
	if p := rep4.Problem("GET", "/api/v1/resources?sea=mine", nil, 403); p.Detail == "" {
		t.Error("a user with an admin's password was let through")
	}
	rep4.Do("GET", "/api/v1/me", nil, 200, nil)
	rep4.Do("PUT", "/api/v1/me/password", map[string]string{"current_password": "first-pass-1", "new_password": "my-own-pass-4"}, 204, nil)
	rep4.Do("GET", "/api/v1/resources?sea=mine", nil, 200, nil)

	admin.Do("PATCH", "/api/v1/users/rep4", map[string]any{"role": "assistant"}, 200, &u)
	if u.Role != "assistant" {
		t.Errorf("role after the change: %s", u.Role)
	}
	rep4.Problem("POST", "/api/v1/resources", map[string]any{}, 403) // an assistant enters nothing: the new role holds at once
	var rep1 api.MeView
	f.as("rep").Do("GET", "/api/v1/me", nil, 200, &rep1)
	admin.Do("PUT", "/api/v1/users/rep4/reps", map[string]any{"reps": []int64{rep1.ID}}, 204, nil)
	admin.Problem("PUT", "/api/v1/users/rep4/reps", map[string]any{"reps": []int64{u.ID}}, 422) // not a rep
	admin.Do("GET", "/api/v1/users/rep4", nil, 200, &u)
	if len(u.Reps) != 1 || u.Reps[0].ID != rep1.ID {
		t.Errorf("the assistant's reps: %+v", u.Reps)
	}

	admin.Do("POST", "/api/v1/users/rep4/password", map[string]string{"password": "reset-pass-4"}, 204, nil)
	rep4.Problem("GET", "/api/v1/me", nil, 401) // the reset ended the session
	again := f.anon().Login("rep4", "reset-pass-4")
	again.Problem("GET", "/api/v1/notifications", nil, 403)

	admin.Do("PATCH", "/api/v1/users/rep4", map[string]any{"disabled": true}, 200, &u)
	if !u.Disabled {
		t.Error("not disabled")
	}
	again.Problem("GET", "/api/v1/me", nil, 401)
	f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{"username": "rep4", "password": "reset-pass-4"}, 401)
	admin.Do("PATCH", "/api/v1/users/rep4", map[string]any{"disabled": false}, 200, &u)
	f.anon().Login("rep4", "reset-pass-4")

	admin.Problem("PATCH", "/api/v1/users/admin1", map[string]any{"disabled": true}, 409)
	admin.Problem("PATCH", "/api/v1/users/nobody", map[string]any{"disabled": true}, 404)

	var list struct {
		Items []api.AdminUserView `json:"items"`
	}
	admin.Do("GET", "/api/v1/users", nil, 200, &list)
	if len(list.Items) != 5 {
		t.Errorf("%d users listed", len(list.Items))
	}
	log, err := f.store.AuditLog(t.Context(), auditlog.Filter{Subject: "user/" + strconv.FormatInt(u.ID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	want := "user.enable user.disable user.password user.assistant_reps user.role user.password user.create"
	if strings.Join(actions, " ") != want {
		t.Errorf("rep4's audit, newest first: %v, want %s", actions, want)
	}
	var page struct {
		Items []struct {
			Action string          `json:"action"`
			Actor  *api.OwnerView  `json:"actor"`
			Detail json.RawMessage `json:"detail"`
		} `json:"items"`
	}
	admin.Do("GET", "/api/v1/audit?action=user.role&actor=admin1", nil, 200, &page)
	if len(page.Items) != 1 || page.Items[0].Actor == nil || !strings.Contains(string(page.Items[0].Detail), `"before": "rep"`) &&
		!strings.Contains(string(page.Items[0].Detail), `"before":"rep"`) {
		t.Errorf("the audit API's role changes by admin1: %+v", page.Items)
	}
	admin.Problem("GET", "/api/v1/audit?limit=0", nil, 422)
}
