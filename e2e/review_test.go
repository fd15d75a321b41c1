package e2e

import (
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/store/dbtest"
)

// An application holds its company's keys only while it is worth holding:
// a rep without room files none (application.open_limit sees capacity.limit;
// 15 were filed at capacity 0 before), and one sales support does not decide
// by application.review_deadline lapses by itself on the real server,
// freeing the company for whoever enters it next.
func TestApplicationsCannotSquatOnKeys(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, rep1, rep2 := s.login("admin"), s.login("rep1"), s.login("rep2")
	activate := func(rule, expression string) {
		var v api.RuleVersionView
		admin.Do("POST", "/api/v1/rules/"+rule+"/versions", map[string]any{"expression": expression}, 201, &v)
		admin.Do("POST", "/api/v1/rules/"+rule+"/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	}
	activate("application.review_deadline", `after(filed_at, "2s")`)
	var app api.ApplicationView
	rep1.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in",
		"proposed": proposal("苏州占位精密电子有限公司", "0512-63330000")}, 201, &app)
	if app.ReviewBy == nil || app.ReviewRule == nil || *app.ReviewRule != "application.review_deadline" || *app.ReviewVersion != "2" {
		t.Fatalf("filed application %+v: no review deadline with its rule", app)
	}
	rep2.Problem("POST", "/api/v1/resources", enterBody("占位精密电子有限公司", "0512-63339999", "13633339999"), 409)
	app = poll(t, rep1, "/api/v1/applications/"+itoa(app.ID), "the undecided application's lapse",
		func(a api.ApplicationView) bool { return a.State == "lapsed" })
	if last := app.History[len(app.History)-1]; last.Event != "lapsed" || last.Actor != nil || !contains(string(last.Detail), "application.review_deadline") {
		t.Errorf("last step %+v, want a lapse by the system naming the rule", last)
	}
	rep2.Do("POST", "/api/v1/resources", enterBody("占位精密电子有限公司", "0512-63339999", "13633339999"), 201, nil)

	activate("capacity.limit", "0")
	p := rep1.Problem("POST", "/api/v1/applications", map[string]any{"type": "pick_in",
		"proposed": proposal("苏州又一家机械有限公司", "0512-63330001")}, 409)
	if p.Rule != "application.open_limit" || p.RuleVersion != "1" {
		t.Errorf("a filing with no room: %+v, want a refusal by application.open_limit version 1", p)
	}
}
