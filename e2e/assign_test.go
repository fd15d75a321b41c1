package e2e

import (
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/store/dbtest"
)

// publicResource enters a resource as rep and releases it to the public sea.
func publicResource(t *testing.T, rep apitest.Client, name, landline, mobile string) api.ResourceView {
	t.Helper()
	var r api.ResourceView
	rep.Do("POST", "/api/v1/resources", enterBody(name, landline, mobile), 201, &r)
	rep.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "not interested"}, 200, nil)
	return r
}

// Sales support approves by assigning a public resource (R8). Its company
// key differs from the application's, so the rep must correct the name in
// time (R10): only the company applied for completes the correction; a
// pick-in of a public resource with the same key is simply assigned.
func TestAssignmentWithNameCorrection(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	a1, rep1, rep2, support := s.login("assistant1"), s.login("rep1"), s.login("rep2"), s.login("support")
	var me2 api.MeView
	rep2.Do("GET", "/api/v1/me", nil, 200, &me2)
	old := publicResource(t, rep1, "苏州老城鞋厂", "0512-67770000", "13677770000")
	var app api.ApplicationView
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me2.ID,
		"reason": "renamed last year", "proposed": proposal("苏州新城鞋业有限公司", "0512-67771111")}, 201, &app)
	path := "/api/v1/applications/" + itoa(app.ID) + "/approve"
	for _, c := range []apitest.Client{a1, rep1, rep2} {
		c.Problem("POST", path, map[string]any{"mode": "assign", "resource_id": old.ID}, 403)
	}
	support.Problem("POST", path, map[string]any{"mode": "assign"}, 422) // which resource?
	support.Do("POST", path, map[string]any{"mode": "assign", "resource_id": old.ID, "comment": "same shop"}, 200, &app)
	if app.State != "approved" || app.Mode == nil || *app.Mode != "assign" || app.Deadline == nil ||
		app.DeadlineRule == nil || *app.DeadlineRule != "name_correction.deadline" || app.EnteredResourceID == nil || *app.EnteredResourceID != old.ID {
		t.Fatalf("assigned with a name to correct: %+v", app)
	}
	var r api.ResourceView
	rep2.Do("GET", "/api/v1/resources/"+itoa(old.ID), nil, 200, &r)
	if !r.Mine || r.Sea != "private" || r.CorrectNameBy == nil || !r.CorrectNameBy.Equal(*app.Deadline) {
		t.Fatalf("the assigned resource as rep2 sees it: %+v", r)
	}
	var hist struct{ Items []api.HistoryView }
	rep2.Do("GET", "/api/v1/resources/"+itoa(old.ID)+"/history", nil, 200, &hist)
	if last := hist.Items[len(hist.Items)-1]; last.Path != "assignment" || last.Rule != "protection.until" {
		t.Errorf("history after the assignment: %+v", last)
	}
	// The company applied for stays reserved: nobody else may enter it.
	p := rep1.Problem("POST", "/api/v1/resources", enterBody("新城鞋业有限公司", "0512-67779999", "13677779999"), 409)
	if len(p.Hits) != 1 || p.Hits[0].ApplicationID != app.ID {
		t.Errorf("entry of the company applied for: %+v", p.Hits)
	}
	// Support finds it among the approvals waiting for their rep; the filters are checked.
	var tasks struct{ Items []api.ApplicationView }
	support.Do("GET", "/api/v1/tasks?state=approved&type=assistant_special&for_rep_id="+itoa(me2.ID), nil, 200, &tasks)
	if len(tasks.Items) != 1 || tasks.Items[0].ID != app.ID {
		t.Errorf("approved tasks for rep2: %+v", tasks.Items)
	}
	tasks.Items = nil
	support.Do("GET", "/api/v1/tasks", nil, 200, &tasks)
	if len(tasks.Items) != 0 {
		t.Errorf("pending tasks: %+v", tasks.Items)
	}
	p = support.Problem("GET", "/api/v1/tasks?unprotected=maybe&for_rep_id=x", nil, 422)
	if len(p.Errors) != 2 {
		t.Errorf("bad filters: %+v", p.Errors)
	}

	// A number the application proposed is the same rep's: it may go on a
	// contact before the name is corrected.
	rep2.Do("POST", "/api/v1/resources/"+itoa(old.ID)+"/contacts", map[string]string{"name": "周", "landline": "0512-67771111"}, 201, nil)

	// Only the company applied for corrects the name.
	rp := "/api/v1/resources/" + itoa(old.ID)
	rep1.Problem("PATCH", rp, map[string]any{"name": "苏州新城鞋业有限公司"}, 403)
	p = rep2.Problem("PATCH", rp, map[string]any{"name": "苏州第三鞋业有限公司"}, 422)
	if len(p.Errors) != 1 || p.Errors[0].Field != "name" {
		t.Errorf("a third name: %+v", p)
	}
	rep2.Do("PATCH", rp, map[string]any{"name": "苏州新城鞋业有限公司"}, 200, &r)
	rep2.Do("GET", "/api/v1/applications/"+itoa(app.ID), nil, 200, &app)
	if app.State != "assigned" || app.History[len(app.History)-1].Event != "name_corrected" {
		t.Fatalf("after the correction: %+v", app)
	}
	r = api.ResourceView{}
	rep2.Do("GET", rp, nil, 200, &r)
	if r.CorrectNameBy != nil || r.Name != "苏州新城鞋业有限公司" {
		t.Errorf("the corrected resource: %+v", r)
	}
	var notes struct{ Items []api.NotificationView }
	rep2.Do("GET", "/api/v1/notifications", nil, 200, &notes)
	if len(notes.Items) != 1 || !contains(notes.Items[0].Body, "correct its name to 苏州新城鞋业有限公司") {
		t.Errorf("rep2's notifications: %+v", notes.Items)
	}

	// Same key: a pick-in of a public resource is assigned outright.
	same := publicResource(t, rep1, "苏州同名五金有限公司", "0512-67772222", "13677772222")
	rep2.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "resource_id": same.ID}, 201, &app)
	support.Do("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "assign"}, 200, &app)
	if app.State != "assigned" || app.Deadline != nil {
		t.Fatalf("pick-in assigned: %+v", app)
	}
	r = api.ResourceView{}
	rep2.Do("GET", "/api/v1/resources/"+itoa(same.ID), nil, 200, &r)
	if !r.Mine || r.CorrectNameBy != nil {
		t.Errorf("the same-key resource: %+v", r)
	}
	// A resource already taken cannot be assigned.
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me2.ID,
		"proposed": proposal("苏州另一鞋业有限公司", "0512-67773333")}, 201, &app)
	support.Problem("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "assign", "resource_id": same.ID}, 409)
}

// With name_correction.deadline = after(approved_at, "2s") an uncorrected
// assignment returns the resource to the public sea by itself on the real
// embedded server, naming the rule in the resource's history.
func TestUncorrectedAssignmentReturnsToThePublicSea(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, rep1, rep2, support := s.login("admin"), s.login("rep1"), s.login("rep2"), s.login("support")
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/name_correction.deadline/versions", map[string]any{"expression": `after(approved_at, "2s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/name_correction.deadline/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	old := publicResource(t, rep1, "苏州旧名电子厂", "0512-67774444", "13677774444")
	var app api.ApplicationView
	rep2.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "proposed": proposal("苏州新名电子有限公司", "0512-67775555")}, 201, &app)
	support.Do("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "assign", "resource_id": old.ID}, 200, &app)
	poll(t, rep1, "/api/v1/resources/"+itoa(old.ID), "the uncorrected resource's return",
		func(r api.ResourceView) bool { return r.Sea == "public" })
	var hist struct{ Items []api.HistoryView }
	rep1.Do("GET", "/api/v1/resources/"+itoa(old.ID)+"/history", nil, 200, &hist)
	last := hist.Items[len(hist.Items)-1]
	if last.Path != "expiry" || last.Rule != "name_correction.deadline" || last.RuleVersion != itoa(int64(v.Version)) || last.Actor != nil {
		t.Errorf("last history entry %+v", last)
	}
	rep2.Do("GET", "/api/v1/applications/"+itoa(app.ID), nil, 200, &app)
	if app.State != "lapsed" {
		t.Errorf("application %s, want lapsed", app.State)
	}
	rep2.Problem("PATCH", "/api/v1/resources/"+itoa(old.ID), map[string]any{"name": "苏州新名电子有限公司"}, 403)
	// The reservation is gone with it: the company applied for may be entered.
	rep1.Do("POST", "/api/v1/resources", enterBody("苏州新名电子有限公司", "0512-67776666", "13677776666"), 201, nil)
}
