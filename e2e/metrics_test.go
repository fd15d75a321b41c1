package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// /metrics (on its own address) shows the business, not only the HTTP
// traffic: one entry, pick, release and expiry each move tide_moves_total
// by one, with the collisions, rule evaluations, workflow starts, searches,
// open protections and applications beside them; and every series the
// Grafana dashboard in deploy/ uses is among them.
func TestMetricsOfTheDomain(t *testing.T) {
	st, err := devserver.Start(context.Background(), devserver.Options{
		DatabaseURL: dbtest.New(t), DataDir: t.TempDir(), Addr: "127.0.0.1:0", Namespace: "default", TokenTTL: time.Hour,
		DemoPassword: "tide-demo", DemoCost: bcrypt.MinCost, MetricsAddr: "127.0.0.1:0",
	})
	if err != nil {
		t.Fatal(err)
	}
	s := &system{t: t, stack: st}
	t.Cleanup(s.stop)
	scrape := func() string {
		resp, err := http.Get("http://" + st.Metrics.Addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	before := scrape()
	admin, rep1, rep2 := s.login("admin"), s.login("rep1"), s.login("rep2")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("苏州度量精密电子有限公司", "0512-65550000", "13655550000"), 201, &r)
	rep2.Problem("POST", "/api/v1/resources", enterBody("度量精密电子有限公司", "0512-65559999", "13655559999"), 409)
	rep2.Do("POST", "/api/v1/collisions/search", map[string]any{"name": "度量精密电子"}, 200, nil)
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/protection.until/versions", map[string]any{"expression": `after(now, "2s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/protection.until/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	rep1.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "换人跟进"}, 200, nil)
	rep2.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/pick", nil, 200, nil)
	rep2.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "proposed": proposal("苏州度量二号机械有限公司", "0512-65550001")}, 201, nil)
	poll(t, rep2, "/api/v1/resources/"+itoa(r.ID), "the picked resource's expiry",
		func(r api.ResourceView) bool { return r.Sea == "public" })
	after := scrape()

	for path, want := range map[string]float64{"entry": 1, "pick": 1, "release": 1, "expiry": 1} {
		series := `tide_moves_total{path="` + path + `"}`
		if got := value(after, series) - value(before, series); got != want {
			t.Errorf("%s moved by %v, want %v", series, got, want)
		}
	}
	for _, series := range []string{ // counters: moved by what the test did
		`tide_collisions_total{action="entry",key="company"}`,
		`tide_rule_evaluations_total{outcome="decided",rule="protection.until",version="2"}`,
		`tide_workflow_start_seconds_count{outcome="ok",workflow="resource"}`,
		`tide_workflow_start_seconds_count{outcome="ok",workflow="application-review"}`,
		`tide_collision_search_seconds_count`,
	} {
		if value(after, series) <= value(before, series) {
			t.Errorf("%s did not move: before %v, after %v", series, value(before, series), value(after, series))
		}
	}
	// Gauges, read from the database: the pending application, and no open
	// protection left (the one resource expired).
	if value(after, `tide_applications{state="pending"}`) != 1 || !strings.Contains(after, "\ntide_open_protections 0") {
		t.Errorf("state gauges: applications pending %v; open protections line present: %v",
			value(after, `tide_applications{state="pending"}`), strings.Contains(after, "\ntide_open_protections 0"))
	}

	// The pools as configured (the defaults), and the outbox drained.
	if m, s := value(after, `tide_db_pool_connections{pool="main",state="max"}`), value(after, `tide_db_pool_connections{pool="search",state="max"}`); m != store.DefaultPoolSize || s != store.DefaultPoolSize/2 {
		t.Errorf("pools: main max %v, search max %v", m, s)
	}
	if !strings.Contains(after, "\ntide_outbox_waiting 0") || value(after, `tide_outbox_sent_total{kind="start",outcome="ok"}`) == 0 {
		t.Errorf("outbox gauges: %q", regexp.MustCompile(`(?m)^tide_outbox.*$`).FindAllString(after, -1))
	}

	raw, err := os.ReadFile("../deploy/grafana/tide.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string
			Targets []struct{ Expr string }
		}
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`tide_[a-z_]+`)
	for _, p := range dash.Panels {
		for _, target := range p.Targets {
			for _, name := range names.FindAllString(target.Expr, -1) {
				if !strings.Contains(after, "\n"+name) {
					t.Errorf("panel %q uses %s, which /metrics does not expose", p.Title, name)
				}
			}
		}
	}
}

// value reads a series' value from a scrape (0 when absent); labels in
// series must be in the exposition's (alphabetical) order.
func value(scrape, series string) float64 {
	for _, line := range strings.Split(scrape, "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			v, _ := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			return v
		}
	}
	return 0
}
