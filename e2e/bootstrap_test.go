package e2e

import (
	"testing"
	"time"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/store/dbtest"
)

// A production database starts with no users. The production build, started
// with TIDE_BOOTSTRAP_ADMIN and its password, creates that admin, who can
// sign in; started without, it says how to create the
// first admin. Nowhere is there a default password.
func TestProductionStartBootstrapsTheFirstAdmin(t *testing.T) {
	t.Parallel()
	temporal := temporalOnly(t)
	base := []string{"TIDE_TEMPORAL_ADDRESS=" + temporal, "TIDE_LOG_LEVEL=info", "TIDE_METRICS_ADDR=off"}

	bare := runProd(t, append(base, "TIDE_DATABASE_URL="+dbtest.New(t), "TIDE_ADDR="+freeAddr(t)), "api")
	waitLog(t, bare, "tide user create", 60*time.Second)

	addr := freeAddr(t)
	p := runProd(t, append(base, "TIDE_DATABASE_URL="+dbtest.New(t), "TIDE_ADDR="+addr,
		"TIDE_BOOTSTRAP_ADMIN=root", "TIDE_BOOTSTRAP_ADMIN_PASSWORD=first admin's secret"), "api")
	waitHTTP(t, "http://"+addr+"/healthz", p)
	c := apitest.Client{T: t, Base: "http://" + addr}
	c.Problem("POST", "/api/v1/auth/login", map[string]string{"username": "admin", "password": "tide-demo"}, 401)
	root := c.Login("root", "first admin's secret")
	var me struct{ Role string }
	root.Do("GET", "/api/v1/me", nil, 200, &me)
	if me.Role != "admin" {
		t.Fatalf("the bootstrapped user is a %q", me.Role)
	}
}
