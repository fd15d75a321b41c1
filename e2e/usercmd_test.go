package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// tide user (the production build) manages users through the account
// service: create (a password from stdin, checked against the policy, or
// one made and printed once), disable (sessions end), enable,
// reset-password and list; refusals name every offending flag.
func TestUserCommand(t *testing.T) {
	t.Parallel()
	url := dbtest.New(t)
	tide := func(stdin string, args ...string) (string, error) {
		bin, err := prodBinary()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, append([]string{"user"}, args...)...)
		cmd.Env = append(os.Environ(), "TIDE_DATABASE_URL="+url)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := tide("a good password\n", "create", "-username", "ops", "-name", "运维", "-role", "admin", "-password-stdin"); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	out, err := tide("", "create", "-username", "rep7", "-name", "Rep Seven", "-role", "rep")
	if err != nil || !strings.Contains(out, "password: ") {
		t.Fatalf("create without a password: %v: %s, want one made and printed", err, out)
	}
	out, err = tide("", "create", "-username", "Bad Name", "-name", "", "-role", "king")
	for _, want := range []string{"-username", "-name", "-role"} {
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("an invalid user: %v %s, want it to name %s", err, out, want)
		}
	}
	if out, err := tide("", "disable", "-username", "ops"); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserNamed(ctx, "ops")
	if err != nil || u.Role != people.RoleAdmin || u.Name != "运维" || u.DisabledAt == nil {
		t.Fatalf("after create and disable: %+v, %v", u, err)
	}
	if out, err := tide("", "enable", "-username", "ops"); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	before := u.PasswordHash
	if out, err := tide("another good one\n", "reset-password", "-username", "ops", "-password-stdin"); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if u, _ = st.UserNamed(ctx, "ops"); u.DisabledAt != nil || u.PasswordHash == before {
		t.Errorf("after enable and reset: %+v", u)
	}
	if out, err := tide("", "reset-password", "-username", "nobody"); err == nil || !strings.Contains(out, "no user nobody") {
		t.Errorf("reset of an unknown user: %v %s", err, out)
	}
	if out, err := tide("", "list"); err != nil || !strings.Contains(out, "rep7") || !strings.Contains(out, "ops") {
		t.Errorf("list: %v %s", err, out)
	}
}
