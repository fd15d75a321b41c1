// Package workflows holds tide's Temporal workflows. Workflow code here is
// deterministic: no I/O, no clocks but workflow.Now, no rule evaluation.
// Everything that touches the world runs in activities; every deadline
// arrives as an absolute time decided by a rule before the workflow starts.
package workflows

import (
	"errors"
	"strconv"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/activities"
)

// TaskQueue is the queue tide's worker polls.
const TaskQueue = "tide"

// Names of the resource workflow's handlers.
const (
	UpdateRelease    = "release"
	UpdateReschedule = "reschedule"
	UpdateSign       = "sign"
	QueryState       = "state"
)

// ResourceWorkflowID is the id of the workflow protecting a resource. Every
// ownership epoch of the resource is a new run of the same id.
func ResourceWorkflowID(resourceID int64) string {
	return "resource/" + strconv.FormatInt(resourceID, 10)
}

// ResourceInput starts the protection of one ownership epoch of a resource.
type ResourceInput struct {
	ResourceID     int64
	Epoch          int
	OwnerID        int64
	ProtectedUntil time.Time
	// The rule and version that set ProtectedUntil, recorded with an expiry.
	Rule, RuleVersion string
	// RemindBefore is how long before ProtectedUntil the owner is reminded
	// (expiry.reminder_before, decided at the start); 0: no reminder.
	RemindBefore time.Duration
}

// ReleaseRequest is the release update's argument (R15).
type ReleaseRequest struct {
	ActorID int64
	Reason  string
}

// SignRequest is the sign update's argument: the owner closed the deal.
type SignRequest struct {
	ActorID int64
}

// Status of a protection.
const (
	StatusProtected = "protected"
	StatusSigned    = "signed" // no longer expires; ends only by a release
	StatusReleasing = "releasing"
	StatusReleased  = "released"
	StatusExpiring  = "expiring"
	StatusExpired   = "expired"
)

// ResourceState is what the state query answers and the workflow returns.
type ResourceState struct {
	ResourceInput
	Status   string
	Reminded bool
}

// RescheduleRequest moves the protection's deadline: a timing rule
// re-applied to open deadlines (R22). The time is absolute, decided by the
// rule in an activity or service, never here.
type RescheduleRequest struct {
	ProtectedUntil    time.Time
	Rule, RuleVersion string
}

// ErrNotProtected refuses a release of a protection that is ending.
var ErrNotProtected = errors.New("the resource is no longer protected")

// lifecycleChange marks the runs that remind before expiry and can be
// signed; runs started before it keep their original wait (replay).
const lifecycleChange = "reminder-and-sign"

// Resource keeps a resource in its owner's private sea until ProtectedUntil,
// reminding the owner RemindBefore earlier, then returns it to the public
// sea (R14). A release update ends it earlier (R15); a sign update stops the
// expiry. Either way the workflow ends after at most one return to the
// public sea, and the activity doing it is guarded by the epoch.
func Resource(ctx workflow.Context, in ResourceInput) (ResourceState, error) {
	w := &resource{in: in, st: ResourceState{ResourceInput: in, Status: StatusProtected}}
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	if err := w.register(ctx); err != nil {
		return w.st, err
	}
	var err error
	if workflow.GetVersion(ctx, lifecycleChange, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		err = w.waitV0(ctx)
	} else {
		err = w.wait(ctx)
	}
	if err != nil {
		return w.st, err
	}
	if w.st.Status == StatusProtected { // the deadline came first
		w.st.Status = StatusExpiring
		err := workflow.ExecuteActivity(ctx, acts.Expire, activities.ExpireParams{
			ResourceID: in.ResourceID, Epoch: in.Epoch, Rule: w.st.Rule, RuleVersion: w.st.RuleVersion,
		}).Get(ctx, nil)
		if err != nil {
			return w.st, err
		}
		w.st.Status = StatusExpired
	}
	// Let an update that was admitted meanwhile answer before the run closes.
	err = workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
	return w.st, err
}

// resource is one run's state, shared by its handlers and its wait.
type resource struct {
	in    ResourceInput
	st    ResourceState
	rearm bool // a reschedule moved the deadline: wait again
}

// acts is a nil receiver used only to name activity methods.
var acts *activities.Activities

var activityOptions = workflow.ActivityOptions{
	StartToCloseTimeout: 30 * time.Second,
	RetryPolicy: &temporal.RetryPolicy{
		InitialInterval:        time.Second,
		MaximumInterval:        time.Minute,
		NonRetryableErrorTypes: activities.NonRetryable,
	},
}
