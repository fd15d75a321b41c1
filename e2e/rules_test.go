package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// Admins change rules while tide runs: capacity.limit = 2 refuses a rep's
// third entry naming the rule and version, and protection.until =
// after(now, "3s") makes a new resource go back to the public sea by itself
// on the real server (no time skipping).
func TestRulesChangeWhileRunning(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, rep1, rep2 := s.login("admin"), s.login("rep1"), s.login("rep2")

	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{
		"expression": "2", "comment": "pilot: two per rep",
		"fixtures": []map[string]any{{"name": "any rep", "env": map[string]any{}, "expect": 2}},
	}, 201, &v)
	if v.Version != 2 || v.State != "draft" {
		t.Fatalf("new version %+v", v)
	}
	var tr api.TestResult
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions/2/test", map[string]any{"dry_run": true}, 200, &tr)
	if tr.Passed != 1 || tr.DryRun == nil || tr.DryRun.Decisions != 3 || tr.DryRun.Changed != 3 {
		t.Fatalf("test with dry run: %+v %+v (want 3 reps' limits changed)", tr, tr.DryRun)
	}
	if len(tr.DryRun.Examples) != 3 || !strings.HasPrefix(tr.DryRun.Examples[0].Subject, "user/") || tr.DryRun.Examples[0].Now == tr.DryRun.Examples[0].Then {
		t.Errorf("the dry run's examples: %+v", tr.DryRun.Examples)
	}
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions/2/activate", nil, 200, &v)
	for i, name := range []string{"甲乙精密机械有限公司", "丙丁服饰有限公司"} {
		rep1.Do("POST", "/api/v1/resources", enterBody(name, "0512-6588000"+itoa(int64(i)), "1380000000"+itoa(int64(i))), 201, nil)
	}
	p := rep1.Problem("POST", "/api/v1/resources", enterBody("戊己电子有限公司", "0512-65880009", "13800000009"), 409)
	if p.Rule != "capacity.limit" || p.RuleVersion != "2" {
		t.Fatalf("third entry: %+v, want a refusal naming capacity.limit version 2", p)
	}
	var decisions struct{ Items []api.DecisionView }
	admin.Do("GET", "/api/v1/rules/capacity.limit/decisions", nil, 200, &decisions)
	if len(decisions.Items) == 0 || decisions.Items[0].Version != 2 {
		t.Errorf("decisions: %+v", decisions.Items)
	}

	admin.Do("POST", "/api/v1/rules/protection.until/versions", map[string]any{"expression": `after(now, "3s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/protection.until/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	var r api.ResourceView
	rep2.Do("POST", "/api/v1/resources", enterBody("短命贸易有限公司", "0571-88880000", "13900000099"), 201, &r)
	run, _ := s.workflowStatus(r.ID)
	if st := s.waitClosed(r.ID, run); st != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Fatalf("the 3 s protection closed as %v", st)
	}
	rep2.Do("GET", "/api/v1/resources/"+itoa(r.ID), nil, 200, &r)
	if r.Sea != "public" {
		t.Fatalf("after its 3 s protection the resource is %s", r.Sea)
	}

	// Versions that cannot be activated say where; a rep may not touch rules.
	p = admin.Problem("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": `"300"`}, 422)
	if len(p.Errors) != 1 || p.Errors[0].Field != "expression" {
		t.Errorf("wrong type: %+v", p)
	}
	p = admin.Problem("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": "300 +"}, 422)
	if len(p.Errors) != 1 || !contains(p.Errors[0].Reason, "line 1, column") {
		t.Errorf("syntax error: %+v", p)
	}
	p = admin.Problem("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": "250",
		"fixtures": []map[string]any{{"name": "keeps 300", "env": map[string]any{}, "expect": 300}}}, 422)
	if len(p.Errors) != 1 || !contains(p.Errors[0].Field, "keeps 300") {
		t.Errorf("failing fixture: %+v", p)
	}
	rep1.Problem("GET", "/api/v1/rules", nil, 403)
	rep1.Problem("POST", "/api/v1/rules/capacity.limit/versions/2/activate", nil, 403)
}

// Activating a shorter protection.until with reapply moves the deadline of
// a resource entered under the old version: its workflow re-arms and the
// resource goes back to the public sea by itself.
func TestReapplyingProtectionReArmsOpenDeadlines(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, rep1 := s.login("admin"), s.login("rep1")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("长寿精密机械有限公司", "0512-66660000", "13566660000"), 201, &r)
	if *r.DaysLeft < 700 {
		t.Fatalf("entered with %d days left", *r.DaysLeft)
	}
	run, _ := s.workflowStatus(r.ID)
	// A signed resource has no deadline to move; one whose workflow is gone
	// cannot be moved, and the answer says why.
	var signed, orphan api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("长寿签约电子有限公司", "0512-66660001", "13566660001"), 201, &signed)
	rep1.Do("POST", "/api/v1/resources/"+itoa(signed.ID)+"/sign", nil, 200, nil)
	rep1.Do("POST", "/api/v1/resources", enterBody("长寿孤儿五金有限公司", "0512-66660002", "13566660002"), 201, &orphan)
	s.workflowStatus(orphan.ID) // started behind the answer
	if err := s.stack.App.Temporal.TerminateWorkflow(context.Background(), contract.ResourceWorkflowID(orphan.ID), "", "test: lost"); err != nil {
		t.Fatal(err)
	}

	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/protection.until/versions", map[string]any{"expression": `after(now, "4s")`}, 201, &v)
	admin.Problem("POST", "/api/v1/rules/capacity.limit/versions/1/activate", map[string]any{"reapply": true}, 422)
	var tr api.TestResult
	admin.Do("POST", "/api/v1/rules/protection.until/versions/"+itoa(int64(v.Version))+"/test", map[string]any{"dry_run": true}, 200, &tr)
	if tr.DryRun == nil || tr.DryRun.Decisions != 2 || tr.DryRun.Changed != 2 {
		t.Fatalf("dry run: %+v", tr.DryRun)
	}
	var act api.ActivateResponse
	admin.Do("POST", "/api/v1/rules/protection.until/versions/"+itoa(int64(v.Version))+"/activate",
		map[string]any{"reapply": true}, 200, &act)
	if ra := act.Reapplied; ra == nil || ra.Open != 2 || ra.Changed != 1 || ra.Failed != 1 || len(ra.Failures) != 1 ||
		ra.Failures[0].ResourceID != orphan.ID || !contains(ra.Failures[0].Reason, "no running protection") {
		t.Fatalf("reapplied %+v, want the signed resource left out and the orphan's failure explained", act.Reapplied)
	}
	if st := s.waitClosed(r.ID, run); st != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Fatalf("the re-armed protection closed as %v", st)
	}
	rep1.Do("GET", "/api/v1/resources/"+itoa(r.ID), nil, 200, &r)
	if r.Sea != "public" {
		t.Fatalf("after the re-applied deadline the resource is %s", r.Sea)
	}
}

// The owner is reminded before the protection ends and told when it has;
// a signed resource stays however long it runs; a referral notifies.
func TestRemindersExpiriesSigningAndNotifications(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, rep1, rep2 := s.login("admin"), s.login("rep1"), s.login("rep2")
	var v api.RuleVersionView
	// The one to expire (机械) gets 4 s; the one to sign (电子) 15 s, time
	// enough to sign it on a loaded machine, and the test outlives it.
	admin.Do("POST", "/api/v1/rules/protection.until/versions",
		map[string]any{"expression": `resource.industry == "机械" ? after(now, "4s") : after(now, "15s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/protection.until/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	admin.Do("POST", "/api/v1/rules/expiry.reminder_before/versions", map[string]any{"expression": `duration("2s")`}, 201, &v)
	admin.Do("POST", "/api/v1/rules/expiry.reminder_before/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)

	var short, kept api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("提醒测试机械有限公司", "0512-67770000", "13577770000"), 201, &short)
	rep1.Do("POST", "/api/v1/resources", enterBody("签约测试电子有限公司", "0512-67770001", "13577770001"), 201, &kept)
	rep2.Problem("POST", "/api/v1/resources/"+itoa(kept.ID)+"/sign", nil, 403)
	var signed api.ResourceView // decoded afresh: days_left must be absent
	rep1.Do("POST", "/api/v1/resources/"+itoa(kept.ID)+"/sign", nil, 200, &signed)
	if signed.SignedAt == nil || signed.DaysLeft != nil {
		t.Fatalf("signed resource %+v", signed)
	}
	rep2.Do("POST", "/api/v1/referrals", map[string]any{"resource_id": kept.ID, "note": "call back"}, 201, nil)

	run, _ := s.workflowStatus(short.ID)
	if st := s.waitClosed(short.ID, run); st != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Fatalf("short protection closed as %v", st)
	}
	var notes struct{ Items []api.NotificationView }
	rep1.Do("GET", "/api/v1/notifications", nil, 200, &notes)
	kinds := map[string]int{}
	for _, n := range notes.Items {
		kinds[n.Kind]++
	}
	if kinds["expiry_reminder"] < 1 || kinds["expired"] < 1 || kinds["referral"] != 1 {
		t.Fatalf("rep1's notifications %v: %+v", kinds, notes.Items)
	}
	// The signed one outlives its deadline and is still rep1's.
	if kept.ProtectedUntil == nil {
		t.Fatalf("entered without a deadline: %+v", kept)
	}
	time.Sleep(time.Until(kept.ProtectedUntil.Add(2 * time.Second)))
	rep1.Do("GET", "/api/v1/resources/"+itoa(kept.ID), nil, 200, &kept)
	if kept.Sea != "private" || kept.Owner.Name != "Rep One" {
		t.Fatalf("signed resource after its deadline: %+v", kept)
	}
	_, status := s.workflowStatus(kept.ID)
	if status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Fatalf("the signed resource's workflow is %v", status)
	}
	rep2.Problem("POST", "/api/v1/notifications/"+itoa(notes.Items[0].ID)+"/read", nil, 404)
	rep1.Do("POST", "/api/v1/notifications/"+itoa(notes.Items[0].ID)+"/read", nil, 204, nil)
	var unread struct{ Items []api.NotificationView }
	rep1.Do("GET", "/api/v1/notifications?unread=true", nil, 200, &unread)
	if len(unread.Items) != len(notes.Items)-1 {
		t.Errorf("%d unread of %d after reading one", len(unread.Items), len(notes.Items))
	}
	rep1.Do("POST", "/api/v1/resources/"+itoa(kept.ID)+"/release", map[string]string{"reason": "contract over"}, 200, &kept)
	if kept.Sea != "public" {
		t.Errorf("release of a signed resource: %+v", kept)
	}
}
