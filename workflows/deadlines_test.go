package workflows_test

import (
	"context"
	"testing"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"

	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/worker"
	"github.com/tide-crm/tide/workflows"
	"github.com/tide-crm/tide/workflows/contract"
)

// These tests run the application workflow on Temporal's time-skipping
// clock with the real activities on a real database: the store checks
// deadlines against the same clock. Sales support replies on Fri 2026-02-13;
// on the official calendar (Spring Festival 2026) both deadlines end with
// Tue 2026-02-24, so 23:00 that day is in time and 00:00 on 02-25 is not.
var (
	reply    = time.Date(2026, 2, 13, 17, 30, 0, 0, china.Zone)
	lastHour = time.Date(2026, 2, 24, 23, 0, 0, 0, china.Zone)
	dueAt    = time.Date(2026, 2, 25, 0, 0, 0, 0, china.Zone)
)

// world is one test's database, rules, people and clock.
type world struct {
	t              *testing.T
	ctx            context.Context
	st             *store.Store
	set            *ruleset.Set
	env            *testsuite.TestWorkflowEnvironment
	rep, other     people.User
	sup            people.User
	lapseActivity  []time.Time // when LapseApplication ran, on the test clock
	application    application.Application
	assignedID     int64
	correctionDue  application.Deadline
	identityBefore resource.Identity
}

func newWorld(t *testing.T) *world {
	ctx := context.Background()
	st, err := store.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	set, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, ctx: ctx, st: st, set: set}
	for _, u := range []struct {
		to   *people.User
		name string
		role string
	}{{&w.rep, "rep", people.RoleRep}, {&w.other, "other", people.RoleRep}, {&w.sup, "support", people.RoleSupport}} {
		if *u.to, err = st.CreateUser(ctx, people.NewUser{Username: u.name, Name: u.name, Role: u.role, PasswordHash: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	var s testsuite.WorkflowTestSuite
	w.env = s.NewTestWorkflowEnvironment()
	w.env.SetStartTime(reply)
	st.SetClock(w.env.Now)
	worker.Register(w.env, &activities.Activities{Store: st})
	w.env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		if info.ActivityType.Name == "LapseApplication" {
			w.lapseActivity = append(w.lapseActivity, w.env.Now())
		}
	})
	return w
}

// file files an application for the rep proposing 深圳华龙鞋业 (key 华龙鞋业).
func (w *world) file() {
	a, err := w.st.CreateApplication(w.ctx, store.NewApplication{Type: "pick_in", ApplicantID: w.rep.ID, ForRepID: w.rep.ID,
		Kind: "enterprise", Name: "深圳华龙鞋业有限公司", Region: "深圳", Key: "华龙鞋业",
		Keys: []collision.Key{{Type: collision.KeyCompany, Value: "华龙鞋业"}, {Type: collision.KeyNumber, Value: "+8675527001234"}}})
	if err != nil {
		w.t.Fatal(err)
	}
	w.application = a
}

// run executes the application workflow until its deadline has been dealt with.
func (w *world) run(deadline time.Time) {
	w.t.Helper()
	w.env.ExecuteWorkflow(workflows.Application, contract.ApplicationInput{ApplicationID: w.application.ID, Deadline: deadline})
	if !w.env.IsWorkflowCompleted() || w.env.GetWorkflowError() != nil {
		w.t.Fatalf("workflow: %v", w.env.GetWorkflowError())
	}
	if len(w.lapseActivity) != 1 || !w.lapseActivity[0].Equal(dueAt) {
		w.t.Fatalf("LapseApplication ran at %v, want once at %v", w.lapseActivity, dueAt)
	}
}

func (w *world) state() string {
	a, err := w.st.GetApplication(w.ctx, w.application.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return a.State
}

// approveSelfEntry approves with the active entry.deadline rule.
func (w *world) approveSelfEntry() time.Time {
	d, err := w.set.EntryDeadline(rules.DeadlineEnv{ApprovedAt: reply, Now: reply})
	if err != nil {
		w.t.Fatal(err)
	}
	if !d.Value.Equal(dueAt) {
		w.t.Fatalf("entry.deadline %v, want %v", d.Value, dueAt)
	}
	_, err = w.st.ApproveSelfEntry(w.ctx, w.application.ID, &w.sup.ID, application.Deadline{At: d.Value, Rule: d.Rule, Version: d.Version}, "",
		func(application.Application) ([]contract.Command, error) { return nil, nil })
	if err != nil {
		w.t.Fatal(err)
	}
	return d.Value
}

// enter makes the rep's entry completing the application.
func (w *world) enter() error {
	owner := w.rep.ID
	_, err := w.st.EnterResource(w.ctx, store.NewResource{Kind: "enterprise", Name: "深圳华龙鞋业有限公司", Region: "深圳",
		CompanyKey: "华龙鞋业", OwnerID: owner, ProtectedUntil: w.env.Now().AddDate(0, 3, 0), ApplicationID: w.application.ID,
		Numbers: []resource.Number{{Type: "landline", Raw: "0755-27001234", Normalized: "+8675527001234"}},
		Change:  resource.Change{ActorID: &owner, Path: resource.PathApplied}}, func(resource.Resource) ([]contract.Command, error) { return nil, nil })
	return err
}

func TestEntryInTheLastHourCompletesTheApplication(t *testing.T) {
	w := newWorld(t)
	w.file()
	deadline := w.approveSelfEntry()
	w.env.RegisterDelayedCallback(func() {
		if err := w.enter(); err != nil {
			t.Errorf("entry at %v: %v", w.env.Now(), err)
		}
	}, lastHour.Sub(reply))
	w.run(deadline)
	if got := w.state(); got != application.Entered {
		t.Fatalf("state %s, want entered: the lapse at the deadline must lose to the entry", got)
	}
}

func TestNoEntryLapsesAtMidnightAfterTheSecondWorkingDay(t *testing.T) {
	w := newWorld(t)
	w.file()
	w.env.RegisterDelayedCallback(func() {
		if got := w.state(); got != application.Approved {
			t.Errorf("one minute before the deadline the application is %s", got)
		}
	}, dueAt.Add(-time.Minute).Sub(reply))
	w.run(w.approveSelfEntry())
	if got := w.state(); got != application.Lapsed {
		t.Fatalf("state %s, want lapsed", got)
	}
	if err := w.enter(); !fault.Is(err, fault.Conflict) {
		t.Fatalf("entry after the lapse: %v, want a Conflict", err)
	}
}

// assign gives the rep the public 华龙鞋厂 (key 华龙鞋厂, differing from the
// application's 华龙鞋业) with the active name_correction.deadline rule.
func (w *world) assign() time.Time {
	owner := w.other.ID
	r, err := w.st.EnterResource(w.ctx, store.NewResource{Kind: "enterprise", Name: "华龙鞋厂", Region: "深圳", CompanyKey: "华龙鞋厂",
		OwnerID: owner, ProtectedUntil: reply.Add(time.Hour), Change: resource.Change{ActorID: &owner, Path: resource.PathEntry},
		Numbers: []resource.Number{{Type: "mobile", Raw: "13800138000", Normalized: "+8613800138000"}}}, func(resource.Resource) ([]contract.Command, error) { return nil, nil })
	if err != nil {
		w.t.Fatal(err)
	}
	if _, _, err := w.st.ReturnToPublic(w.ctx, r.ID, r.Epoch, resource.Change{ActorID: &owner, Path: resource.PathRelease, Reason: "no need"}); err != nil {
		w.t.Fatal(err)
	}
	fix, err := w.set.NameCorrectionDeadline(rules.DeadlineEnv{ApprovedAt: reply, Now: reply})
	if err != nil {
		w.t.Fatal(err)
	}
	if !fix.Value.Equal(dueAt) {
		w.t.Fatalf("name_correction.deadline %v, want %v", fix.Value, dueAt)
	}
	w.correctionDue = application.Deadline{At: fix.Value, Rule: fix.Rule, Version: fix.Version}
	a, res, err := w.st.Assign(w.ctx, store.Assignment{ApplicationID: w.application.ID, ResourceID: r.ID, ActorID: w.sup.ID,
		Key: "华龙鞋厂", Protection: application.Deadline{At: reply.AddDate(0, 3, 0), Rule: "protection.until", Version: "1"},
		CorrectBy: &w.correctionDue}, func(application.Application, resource.Resource) ([]contract.Command, error) { return nil, nil })
	if err != nil {
		w.t.Fatal(err)
	}
	if a.State != application.Approved || res.Owner == nil || res.Owner.ID != w.rep.ID {
		w.t.Fatalf("after the assignment: application %s, owner %+v", a.State, res.Owner)
	}
	w.assignedID = res.ID
	w.identityBefore = resource.Identity{Kind: res.Kind, Name: res.Name, Region: res.Region, CompanyKey: res.CompanyKey}
	return *a.Deadline
}

// correct renames the assigned resource to the company applied for.
func (w *world) correct() error {
	in := w.identityBefore
	in.Name, in.CompanyKey = "深圳华龙鞋业有限公司", "华龙鞋业"
	in.Numbers = []resource.Number{{Type: "mobile", Raw: "13800138000", Normalized: "+8613800138000"}}
	_, err := w.st.UpdateIdentity(w.ctx, w.assignedID, w.rep.ID, in, func(resource.Resource) error { return nil })
	return err
}

func (w *world) resource() resource.Resource {
	r, err := w.st.GetResource(w.ctx, w.assignedID)
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

func TestNameCorrectedInTheLastHourKeepsTheResource(t *testing.T) {
	w := newWorld(t)
	w.file()
	deadline := w.assign()
	w.env.RegisterDelayedCallback(func() {
		if err := w.correct(); err != nil {
			t.Errorf("correction at %v: %v", w.env.Now(), err)
		}
	}, lastHour.Sub(reply))
	w.run(deadline)
	if got := w.state(); got != application.Assigned {
		t.Fatalf("state %s, want assigned", got)
	}
	r := w.resource()
	if r.Sea != resource.SeaPrivate || r.Owner.ID != w.rep.ID || r.CompanyKey != "华龙鞋业" {
		t.Fatalf("after the deadline the corrected resource is %s, owner %+v, key %s", r.Sea, r.Owner, r.CompanyKey)
	}
	hits, err := w.st.FindHits(w.ctx, []collision.Key{{Type: collision.KeyCompany, Value: "华龙鞋业"}})
	if err != nil || len(hits) != 1 || hits[0].ResourceID != r.ID {
		t.Fatalf("the company applied for should now be the resource's key: %+v %v", hits, err)
	}
}

func TestNameNotCorrectedReturnsTheResourceAtMidnight(t *testing.T) {
	w := newWorld(t)
	w.file()
	deadline := w.assign()
	w.env.RegisterDelayedCallback(func() {
		if r := w.resource(); r.Sea != resource.SeaPrivate {
			t.Errorf("one minute before the deadline the resource is %s", r.Sea)
		}
	}, dueAt.Add(-time.Minute).Sub(reply))
	w.run(deadline)
	if got := w.state(); got != application.Lapsed {
		t.Fatalf("state %s, want lapsed", got)
	}
	r := w.resource()
	if r.Sea != resource.SeaPublic || r.Owner != nil {
		t.Fatalf("the uncorrected resource is %s, owner %+v; want public", r.Sea, r.Owner)
	}
	h, err := w.st.History(w.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	if last.Path != resource.PathExpiry || last.Rule != "name_correction.deadline" || last.RuleVersion != w.correctionDue.Version {
		t.Fatalf("last history entry %+v, want an expiry by name_correction.deadline v%s", last, w.correctionDue.Version)
	}
	if hits, _ := w.st.FindHits(w.ctx, []collision.Key{{Type: collision.KeyCompany, Value: "华龙鞋业"}}); len(hits) != 0 {
		t.Fatalf("the lapsed application still reserves its company: %+v", hits)
	}
}

// A correction after the deadline is refused even when the lapse has not
// run yet (a worker that was down): the deadline, not the worker, decides.
func TestLateCorrectionIsRefusedBeforeTheLapseRuns(t *testing.T) {
	w := newWorld(t)
	w.file()
	w.assign()
	w.st.SetClock(func() time.Time { return dueAt.Add(30 * time.Minute) })
	if err := w.correct(); !fault.Is(err, fault.Conflict) {
		t.Fatalf("late correction: %v, want a Conflict naming the deadline", err)
	}
	if got := w.state(); got != application.Approved {
		t.Fatalf("state %s: a refused correction must change nothing", got)
	}
	if err := w.st.LapseApplication(w.ctx, w.application.ID); err != nil {
		t.Fatal(err)
	}
	if r := w.resource(); r.Sea != resource.SeaPublic {
		t.Fatalf("after the late lapse the resource is %s", r.Sea)
	}
}
