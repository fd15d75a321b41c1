package e2e

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

var update = flag.Bool("update", false, "rewrite the committed workflow histories under workflows/testdata")

func enterBody(name, landline, mobile string) map[string]any {
	return map[string]any{
		"kind": "enterprise", "name": name, "region": "苏州",
		"contacts": []map[string]string{{"name": "王经理", "title": "采购", "mobile": mobile}},
		"numbers":  []map[string]string{{"type": "landline", "value": landline}},
	}
}

// A resource is entered over HTTP, a second entry sharing a number gets a
// 409 naming the owner, the owner releases it, and another rep picks it.
func TestEntryCollisionReleasePick(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, rep3 := s.login("rep1"), s.login("rep2"), s.login("rep3")
	s.anon().Do("GET", "/readyz", nil, 200, nil)

	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("苏州日东精密电子有限公司", "0512-65881234", "138 0013 8000"), 201, &r)
	if r.Sea != "private" || r.Owner == nil || r.Owner.Name != "Rep One" || r.ProtectedUntil == nil || r.DaysLeft == nil || *r.DaysLeft < 729 {
		t.Fatalf("entered resource %+v", r)
	}
	firstRun, status := s.workflowStatus(r.ID)
	if status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Fatalf("resource/%d is %v, want running", r.ID, status)
	}

	// Same landline typed differently, different company: a collision naming the owner only.
	p := rep2.Problem("POST", "/api/v1/resources", enterBody("别的贸易公司", "+86 512 6588 1234", "13900000000"), 409)
	if p.Type != "urn:tide:problem:collision" || len(p.Hits) != 1 {
		t.Fatalf("collision answer %+v", p)
	}
	if h := p.Hits[0]; h.ResourceID != r.ID || h.MatchedOn != "number" || h.Owner == nil || h.Owner.Name != "Rep One" || h.Mine {
		t.Errorf("hit %+v", h)
	}
	var masked api.ResourceView
	rep2.Do("GET", "/api/v1/resources/"+itoa(r.ID), nil, 200, &masked)
	if !masked.Masked || masked.Numbers != nil || masked.Contacts != nil || masked.Owner.Name != "Rep One" {
		t.Errorf("another rep sees %+v", masked)
	}

	rep2.Problem("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "mine now"}, 403)
	rep1.Problem("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": " "}, 422)
	rep1.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "no budget this year"}, 200, &r)
	if r.Sea != "public" || r.Owner != nil {
		t.Fatalf("released resource %+v", r)
	}
	if st := s.waitClosed(r.ID, firstRun); st != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Fatalf("released run closed as %v", st)
	}
	rep1.Problem("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "twice"}, 409)

	// The rep who released it may not take it back within 30 days (pick.allowed).
	p = rep1.Problem("POST", "/api/v1/resources/"+itoa(r.ID)+"/pick", nil, 409)
	if p.Rule != "pick.allowed" || p.RuleVersion != "1" || !contains(p.Detail, "30 days") {
		t.Errorf("re-pick by the releasing rep: %+v", p)
	}
	rep2.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/pick", nil, 200, &r)
	if r.Sea != "private" || r.Owner.Name != "Rep Two" || !r.Mine {
		t.Fatalf("picked resource %+v", r)
	}
	rep3.Problem("POST", "/api/v1/resources/"+itoa(r.ID)+"/pick", nil, 409)
	secondRun, status := s.workflowStatus(r.ID)
	if secondRun == firstRun || status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Fatalf("after the pick: run %s (first %s) is %v", secondRun, firstRun, status)
	}

	var hist struct{ Items []api.HistoryView }
	rep2.Do("GET", "/api/v1/resources/"+itoa(r.ID)+"/history", nil, 200, &hist)
	paths := ""
	for _, e := range hist.Items {
		paths += e.Path + " "
	}
	if paths != "entry release pick " || hist.Items[0].Rule != "protection.until" || hist.Items[0].RuleVersion != "1" ||
		hist.Items[1].Reason != "no budget this year" || hist.Items[1].From.Name != "Rep One" || hist.Items[2].To.Name != "Rep Two" {
		t.Errorf("history %+v", hist.Items)
	}
	rep3.Problem("GET", "/api/v1/resources/"+itoa(r.ID)+"/history", nil, 403)

	var mine api.ResourceList
	rep2.Do("GET", "/api/v1/resources?sea=mine", nil, 200, &mine)
	if len(mine.Items) != 1 || mine.Items[0].ID != r.ID {
		t.Errorf("rep2's sea: %+v", mine.Items)
	}

	if *update {
		writeHistory(t, s, r.ID, firstRun, "resource_release.json")
	}
}

// A resource whose protection ends while tide runs goes back to the public
// sea by itself, through the real timer, worker and database.
func TestExpiryOnTheRealServer(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep := s.stack.App.Store
	u, err := rep.UserByUsername(context.Background(), "rep1")
	if err != nil {
		t.Fatal(err)
	}
	// A clock 24 months minus 2 seconds behind: the builtin rule then sets
	// the deadline 2 seconds from now.
	svc := &sea.Service{Store: rep, Protector: s.stack.App.Protector, Outbox: s.stack.App.Outbox, Rules: s.stack.App.Rules,
		Now: func() time.Time { return time.Now().AddDate(0, -24, 0).Add(2 * time.Second) }}
	res, err := svc.Enter(context.Background(), u, intake.Entry{Kind: "enterprise", Name: "短期公司", Region: "杭州",
		Contacts: []intake.EntryContact{{Name: "李", Mobile: "13700000000"}}})
	if err != nil {
		t.Fatal(err)
	}
	run, _ := s.workflowStatus(res.ID)
	if st := s.waitClosed(res.ID, run); st != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Fatalf("expiry run closed as %v", st)
	}
	got, err := rep.GetResource(context.Background(), res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Sea != resource.SeaPublic || got.Owner != nil || got.Epoch != 2 {
		t.Fatalf("after expiry: sea %s owner %v epoch %d", got.Sea, got.Owner, got.Epoch)
	}
	if *update {
		writeHistory(t, s, res.ID, run, "resource_expiry.json")
	}
}

// Restarting tide keeps users, resources and running workflows: the
// resource is still private with the same deadline and the same run.
func TestRestartKeepsResourcesAndWorkflows(t *testing.T) {
	t.Parallel()
	dbURL, dir := dbtest.New(t), t.TempDir()
	s := start(t, dbURL, dir)
	var before api.ResourceView
	s.login("rep1").Do("POST", "/api/v1/resources", enterBody("重启测试有限公司", "0571-88886666", "13600000000"), 201, &before)
	run, _ := s.workflowStatus(before.ID)
	s.stop()

	s = start(t, dbURL, dir)
	rep1 := s.login("rep1") // the user survived
	var after api.ResourceView
	rep1.Do("GET", "/api/v1/resources/"+itoa(before.ID), nil, 200, &after)
	if after.Sea != "private" || !after.ProtectedUntil.Equal(*before.ProtectedUntil) {
		t.Fatalf("after restart: %+v, before: %+v", after, before)
	}
	runAfter, status := s.workflowStatus(before.ID)
	if runAfter != run || status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Fatalf("after restart the run is %s (%v), before %s", runAfter, status, run)
	}
	// The restarted worker serves the surviving run.
	rep1.Do("POST", "/api/v1/resources/"+itoa(before.ID)+"/release", map[string]string{"reason": "after restart"}, 200, &after)
	if after.Sea != "public" {
		t.Fatalf("release after restart: %+v", after)
	}
}

// writeHistory saves a run's history for the replay tests in workflows/.
func writeHistory(t *testing.T, s *system, id int64, runID, file string) {
	t.Helper()
	it := s.stack.App.Temporal.GetWorkflowHistory(context.Background(), contract.ResourceWorkflowID(id), runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	h := &historypb.History{}
	for it.HasNext() {
		ev, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		h.Events = append(h.Events, ev)
	}
	b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "workflows", "testdata", file)
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d events)", path, len(h.Events))
}

// Resources whose protection ends while tide is down are released once
// each when it comes back: the timers are durable and the expiry activity
// is idempotent (one expiry row per resource in the history).
func TestExpiriesDueDuringADowntimeHappenOnce(t *testing.T) {
	t.Parallel()
	dbURL, dir := dbtest.New(t), t.TempDir()
	s := start(t, dbURL, dir)
	admin, rep := s.login("admin"), s.login("rep1")
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/protection.until/versions", map[string]any{"expression": `after(now, "5s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/protection.until/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	var ids []int64
	for i := range 5 {
		var r api.ResourceView
		rep.Do("POST", "/api/v1/resources", enterBody("停机"+itoa(int64(i))+"号五金有限公司",
			"0512-6888000"+itoa(int64(i)), "1388888000"+itoa(int64(i))), 201, &r)
		ids = append(ids, r.ID)
	}
	s.stop() // worker and server down before any deadline
	time.Sleep(7 * time.Second)

	s = start(t, dbURL, dir)
	for _, id := range ids {
		d, err := s.stack.App.Temporal.DescribeWorkflowExecution(context.Background(), contract.ResourceWorkflowID(id), "")
		if err != nil {
			t.Fatal(err)
		}
		if st := s.waitClosed(id, d.GetWorkflowExecutionInfo().GetExecution().GetRunId()); st != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
			t.Fatalf("resource/%d closed as %v", id, st)
		}
		hist, err := s.stack.App.Store.History(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		expiries := 0
		for _, e := range hist {
			if e.Path == resource.PathExpiry {
				expiries++
			}
		}
		if expiries != 1 || len(hist) != 2 {
			t.Errorf("resource %d: %d expiries in a history of %d, want exactly one", id, expiries, len(hist))
		}
	}
}
