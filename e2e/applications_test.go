package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/store/dbtest"
)

func proposal(name, landline string) map[string]any {
	return map[string]any{"kind": "enterprise", "name": name, "region": "苏州",
		"contacts": []map[string]string{{"name": "赵"}}, "numbers": []map[string]string{{"type": "landline", "value": landline}}}
}

// Two assistants apply for the same customer at the same moment: exactly
// one application stands each round, and the other is told who was first
// (R6); an open application's keys block others' entries until rejected.
func TestApplicationsFirstComeFirstServed(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	a1, a2, rep1, rep2, support := s.login("assistant1"), s.login("assistant2"), s.login("rep1"), s.login("rep2"), s.login("support")
	var me1, me2 api.MeView
	rep1.Do("GET", "/api/v1/me", nil, 200, &me1)
	rep2.Do("GET", "/api/v1/me", nil, 200, &me2)
	var firstID int64
	for round := range rounds {
		name := fmt.Sprintf("申请%03d精密机械有限公司", round)
		bodies := []string{
			fmt.Sprintf(`{"type":"assistant_special","for_rep_id":%d,"reason":"walk-in","proposed":{"kind":"enterprise","name":"苏州%s","region":"苏州","contacts":[{"name":"甲"}],"numbers":[{"type":"landline","value":"0512-5%07d"}]}}`, me1.ID, name, round),
			fmt.Sprintf(`{"type":"assistant_special","for_rep_id":%d,"reason":"phone call","proposed":{"kind":"enterprise","name":"%s","region":"苏州","contacts":[{"name":"乙"}],"numbers":[{"type":"mobile","value":"1371111%04d"}]}}`, me2.ID, name, round),
		}
		statuses := race(2, func(i int) int {
			c := a1
			if i == 1 {
				c = a2
			}
			return raw(t, c, "POST", "/api/v1/applications", bodies[i])
		})
		if got := countStatus(statuses); got[201] != 1 || got[409] != 1 {
			t.Fatalf("round %d: statuses %v, want one 201 and one 409", round, got)
		}
	}

	// The open application's keys block an entry, naming the application and its rep.
	var app api.ApplicationView
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me1.ID,
		"proposed": proposal("苏州远航包装有限公司", "0512-68880000")}, 201, &app)
	firstID = app.ID
	p := rep2.Problem("POST", "/api/v1/resources", enterBody("远航包装有限公司", "0512-68889999", "13988889999"), 409)
	if len(p.Hits) != 1 || p.Hits[0].ApplicationID != app.ID || p.Hits[0].Owner.Name != "Rep One" {
		t.Fatalf("entry against an open application: %+v", p.Hits)
	}
	// A second application for it is refused too, naming the first.
	p = a2.Problem("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me2.ID,
		"proposed": proposal("远航包装（苏州）有限公司", "0512-68887777")}, 409)
	if len(p.Hits) != 1 || p.Hits[0].ApplicationID != app.ID {
		t.Errorf("second application: %+v", p.Hits)
	}

	// Support sees it among the tasks, with its search; others may not decide.
	var tasks struct{ Items []api.ApplicationView }
	support.Do("GET", "/api/v1/tasks", nil, 200, &tasks)
	if len(tasks.Items) != rounds+1 || tasks.Items[0].CreatedAt.After(tasks.Items[len(tasks.Items)-1].CreatedAt) {
		t.Fatalf("tasks: %d, want %d oldest first", len(tasks.Items), rounds+1)
	}
	rep1.Problem("POST", "/api/v1/applications/"+itoa(firstID)+"/reject", map[string]string{"reason": "no"}, 403)
	a1.Problem("POST", "/api/v1/applications/"+itoa(firstID)+"/reject", map[string]string{"reason": "no"}, 403)
	rep2.Problem("GET", "/api/v1/applications/"+itoa(firstID), nil, 403)
	var got api.ApplicationView
	rep1.Do("GET", "/api/v1/applications/"+itoa(firstID), nil, 200, &got)
	if got.State != "pending" || len(got.History) != 1 || got.History[0].Event != "filed" || string(got.Search) == "{}" {
		t.Errorf("application as its rep sees it: %+v", got)
	}

	// Rejected: the keys are free again.
	support.Do("POST", "/api/v1/applications/"+itoa(firstID)+"/reject", map[string]string{"reason": "duplicate lead"}, 200, &got)
	if got.State != "rejected" {
		t.Fatalf("after rejection: %+v", got)
	}
	support.Problem("POST", "/api/v1/applications/"+itoa(firstID)+"/reject", map[string]string{"reason": "again"}, 409)
	rep2.Do("POST", "/api/v1/resources", enterBody("远航包装有限公司", "0512-68889999", "13988889999"), 201, nil)
}

// A pick-in application for a public resource reserves it: a second one is
// refused naming the first; an application for another rep's private
// resource is refused with the hit.
func TestPickInApplications(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, rep3 := s.login("rep1"), s.login("rep2"), s.login("rep3")
	var pub, priv api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("公海申请五金有限公司", "0512-64440000", "13644440000"), 201, &pub)
	rep1.Do("POST", "/api/v1/resources/"+itoa(pub.ID)+"/release", map[string]string{"reason": "to the sea"}, 200, nil)
	rep1.Do("POST", "/api/v1/resources", enterBody("私海五金有限公司", "0512-64440001", "13644440001"), 201, &priv)

	var app api.ApplicationView
	rep2.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "resource_id": pub.ID, "reason": "they called"}, 201, &app)
	if app.ResourceID == nil || *app.ResourceID != pub.ID || app.ForRep.Name != "Rep Two" {
		t.Fatalf("pick-in application %+v", app)
	}
	p := rep3.Problem("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "resource_id": pub.ID}, 409)
	if !contains(p.Detail, "Rep Two") || len(p.Hits) != 1 || p.Hits[0].ApplicationID != app.ID {
		t.Errorf("second pick-in: %+v", p)
	}
	p = rep3.Problem("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "resource_id": priv.ID}, 409)
	if len(p.Hits) != 1 || p.Hits[0].Owner.Name != "Rep One" {
		t.Errorf("pick-in of a private resource: %+v", p)
	}
	rep3.Problem("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "proposed": proposal("x", "0512-64440002")}, 403)
	rep3.Problem("POST", "/api/v1/applications", map[string]any{"type": "pick_in"}, 422)
	var mine struct{ Items []api.ApplicationView }
	rep2.Do("GET", "/api/v1/applications", nil, 200, &mine)
	if len(mine.Items) != 1 || mine.Items[0].ID != app.ID {
		t.Errorf("rep2's applications: %+v", mine.Items)
	}
}

// Approved with "enter it yourself", the rep completes the entry before the
// deadline set by entry.deadline; after it the entry is refused (R9).
func TestSelfEntryApproval(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, a1, rep1, rep2, support := s.login("admin"), s.login("assistant1"), s.login("rep1"), s.login("rep2"), s.login("support")
	var me api.MeView
	rep1.Do("GET", "/api/v1/me", nil, 200, &me)
	var app api.ApplicationView
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me.ID,
		"proposed": proposal("苏州恒信五金有限公司", "0512-63330000")}, 201, &app)
	support.Problem("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "assign"}, 422)
	support.Do("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "self_entry", "comment": "go ahead"}, 200, &app)
	if app.State != "approved" || app.Deadline == nil || app.DeadlineRule == nil || *app.DeadlineRule != "entry.deadline" {
		t.Fatalf("approved application %+v", app)
	}
	body := enterBody("苏州恒信五金有限公司", "0512-63330000", "13633330000")
	body["application_id"] = app.ID
	rep2.Problem("POST", "/api/v1/resources", body, 403) // not rep2's application
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", body, 201, &r)
	var got api.ApplicationView
	rep1.Do("GET", "/api/v1/applications/"+itoa(app.ID), nil, 200, &got)
	if got.State != "entered" || got.EnteredResourceID == nil || *got.EnteredResourceID != r.ID || len(got.History) != 3 {
		t.Fatalf("after the entry: %+v", got)
	}
	var hist struct{ Items []api.HistoryView }
	rep1.Do("GET", "/api/v1/resources/"+itoa(r.ID)+"/history", nil, 200, &hist)
	if len(hist.Items) != 1 || hist.Items[0].Path != "application" {
		t.Errorf("the entered resource's history: %+v", hist.Items)
	}
	var res api.SearchResponse
	rep2.Do("POST", "/api/v1/collisions/search", map[string]any{"numbers": []map[string]string{{"type": "fax", "value": "0512-63330000"}}}, 200, &res)
	if len(res.Hits) != 1 || res.Hits[0].ResourceID != r.ID || res.Hits[0].ApplicationID != 0 {
		t.Errorf("the keys passed to the resource: %+v", res.Hits)
	}

	// A 1 s deadline: the entry comes too late and is refused, naming the rule.
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/entry.deadline/versions", map[string]any{"expression": `after(approved_at, "1s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/entry.deadline/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me.ID,
		"proposed": proposal("苏州迟到电子有限公司", "0512-63330001")}, 201, &app)
	support.Do("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "self_entry"}, 200, &app)
	time.Sleep(1500 * time.Millisecond)
	late := enterBody("苏州迟到电子有限公司", "0512-63330001", "13633330001")
	late["application_id"] = app.ID
	p := rep1.Problem("POST", "/api/v1/resources", late, 409)
	if !contains(p.Detail, "lapsed") || !contains(p.Detail, "entry.deadline") {
		t.Errorf("late entry: %+v", p)
	}
}

// With entry.deadline = after(approved_at, "3s") an approval lapses by
// itself on the real embedded server: the keys are freed and the rep and
// support are told.
func TestApprovalLapsesByItself(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, a1, rep1, rep2, support := s.login("admin"), s.login("assistant1"), s.login("rep1"), s.login("rep2"), s.login("support")
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/entry.deadline/versions", map[string]any{"expression": `after(approved_at, "3s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/entry.deadline/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	var me api.MeView
	rep1.Do("GET", "/api/v1/me", nil, 200, &me)
	var app api.ApplicationView
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me.ID,
		"proposed": proposal("苏州过期机械有限公司", "0512-62220000")}, 201, &app)
	support.Do("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "self_entry"}, 200, &app)
	id := app.ID
	app = poll(t, rep1, "/api/v1/applications/"+itoa(id), "the approval's lapse by itself",
		func(a api.ApplicationView) bool { return a.State == "lapsed" })
	if last := app.History[len(app.History)-1]; last.Event != "lapsed" || last.Actor != nil {
		t.Errorf("last step %+v, want a lapse by the system", last)
	}
	late := enterBody("苏州过期机械有限公司", "0512-62220000", "13622220000")
	late["application_id"] = id
	rep1.Problem("POST", "/api/v1/resources", late, 409)
	for _, c := range []apitest.Client{rep1, support} {
		var notes struct{ Items []api.NotificationView }
		c.Do("GET", "/api/v1/notifications", nil, 200, &notes)
		lapses := 0
		for _, n := range notes.Items {
			if n.Kind == "application" && contains(n.Body, "lapsed") {
				lapses++
			}
		}
		if lapses != 1 {
			t.Errorf("notifications: %+v, want one lapse", notes.Items)
		}
	}
	// The reservation is gone: another rep may enter the company now.
	rep2.Do("POST", "/api/v1/resources", enterBody("过期机械有限公司", "0512-62229999", "13622229999"), 201, nil)
}

// application.auto_approve approves at once, as the system, naming itself.
func TestAutoApproval(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, a1, rep1 := s.login("admin"), s.login("assistant1"), s.login("rep1")
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/application.auto_approve/versions", map[string]any{
		"expression": `application.type == "assistant_special" && application.region == "苏州"`,
		"fixtures": []map[string]any{
			{"name": "suzhou special", "env": map[string]any{"application": map[string]string{"type": "assistant_special", "region": "苏州"}}, "expect": true},
			{"name": "elsewhere", "env": map[string]any{"application": map[string]string{"type": "assistant_special", "region": "杭州"}}, "expect": false},
		}}, 201, &v)
	admin.Do("POST", "/api/v1/rules/application.auto_approve/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	var me api.MeView
	rep1.Do("GET", "/api/v1/me", nil, 200, &me)
	var app api.ApplicationView
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me.ID,
		"proposed": proposal("苏州自动电子有限公司", "0512-61230000")}, 201, &app)
	if app.State != "approved" || app.Deadline == nil {
		t.Fatalf("auto-approved application %+v", app)
	}
	rep1.Do("GET", "/api/v1/applications/"+itoa(app.ID), nil, 200, &app)
	last := app.History[len(app.History)-1]
	if last.Event != "approved" || last.Actor != nil || !contains(string(last.Detail), "application.auto_approve") {
		t.Errorf("approval step %+v", last)
	}
	hz := proposal("杭州手动电子有限公司", "0571-61230000")
	hz["region"] = "杭州"
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me.ID, "proposed": hz}, 201, &app)
	if app.State != "pending" {
		t.Errorf("an application the rule does not approve is %s", app.State)
	}
}

// R11 over HTTP: while the collision search cannot answer (a lock held on
// the keys table), an application is filed unprotected and says why, and
// support finds it by the unprotected filter. application-search/<id>
// searches as soon as the search answers: the application is protected from
// then on, and another rep's entry of the company is refused naming it.
func TestApplicationFiledWithoutItsSearch(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	ctx := context.Background()
	blocker, err := pgx.Connect(ctx, s.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Close(ctx)
	tx, err := blocker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE collision_keys IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	var app api.ApplicationView
	rep1.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "proposed": proposal("苏州无搜电器有限公司", "0512-61110000")}, 201, &app)
	if !app.Unprotected || !contains(string(app.Search), "unprotected") {
		t.Fatalf("application filed while the search was blocked: %+v", app)
	}
	var tasks struct{ Items []api.ApplicationView }
	support.Do("GET", "/api/v1/tasks?unprotected=true", nil, 200, &tasks)
	if len(tasks.Items) != 1 || tasks.Items[0].ID != app.ID {
		t.Fatalf("unprotected tasks: %+v", tasks.Items)
	}
	time.Sleep(3 * time.Second) // the workflow's first tries time out too
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	id := app.ID
	app = poll(t, rep1, "/api/v1/applications/"+itoa(id), "the search once it could answer",
		func(a api.ApplicationView) bool { return !a.Unprotected })
	if last := app.History[len(app.History)-1]; last.Event != "searched" || last.Actor != nil {
		t.Errorf("last step %+v, want the system's search", last)
	}
	p := rep2.Problem("POST", "/api/v1/resources", enterBody("苏州无搜电器有限公司", "0512-61119999", "13611110000"), 409)
	if len(p.Hits) == 0 || p.Hits[0].ApplicationID != app.ID || p.Hits[0].Owner.Name != "Rep One" {
		t.Fatalf("an entry after the later search: %+v", p)
	}
}
