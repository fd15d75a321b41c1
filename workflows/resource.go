// Package workflows holds tide's Temporal workflows. Workflow code here is
// deterministic: no I/O, no clocks but workflow.Now, no rule evaluation.
// Everything that touches the world runs in activities; every deadline
// arrives as an absolute time decided by a rule before the workflow starts.
package workflows

import (
	"errors"
	"fmt"
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
}

// ReleaseRequest is the release update's argument (R15).
type ReleaseRequest struct {
	ActorID int64
	Reason  string
}

// Status of a protection.
const (
	StatusProtected = "protected"
	StatusReleasing = "releasing"
	StatusReleased  = "released"
	StatusExpiring  = "expiring"
	StatusExpired   = "expired"
)

// ResourceState is what the state query answers and the workflow returns.
type ResourceState struct {
	ResourceInput
	Status string
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

// Resource keeps a resource in its owner's private sea until ProtectedUntil,
// then returns it to the public sea (R14). A release update ends it earlier
// (R15). Either way the workflow ends after exactly one return to the public
// sea, and the activity doing it is guarded by the epoch.
func Resource(ctx workflow.Context, in ResourceInput) (ResourceState, error) {
	st := ResourceState{ResourceInput: in, Status: StatusProtected}
	ctx = workflow.WithActivityOptions(ctx, activityOptions)

	if err := workflow.SetQueryHandler(ctx, QueryState, func() (ResourceState, error) { return st, nil }); err != nil {
		return st, err
	}
	err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateRelease,
		func(ctx workflow.Context, req ReleaseRequest) error {
			ctx = workflow.WithActivityOptions(ctx, activityOptions)
			st.Status = StatusReleasing
			err := workflow.ExecuteActivity(ctx, acts.Release, activities.ReleaseParams{
				ResourceID: in.ResourceID, Epoch: in.Epoch, ActorID: req.ActorID, Reason: req.Reason,
			}).Get(ctx, nil)
			if err != nil {
				st.Status = StatusProtected // nothing changed; the timer still runs
				return err
			}
			st.Status = StatusReleased
			return nil
		},
		workflow.UpdateHandlerOptions{Validator: func(req ReleaseRequest) error {
			if st.Status != StatusProtected {
				return fmt.Errorf("%w (status %s)", ErrNotProtected, st.Status)
			}
			if req.ActorID != in.OwnerID {
				return errors.New("only the owner may release the resource")
			}
			if req.Reason == "" {
				return errors.New("a release needs a reason")
			}
			return nil
		}})
	if err != nil {
		return st, err
	}

	rearm := false
	err = workflow.SetUpdateHandlerWithOptions(ctx, UpdateReschedule,
		func(ctx workflow.Context, req RescheduleRequest) error {
			ctx = workflow.WithActivityOptions(ctx, activityOptions)
			err := workflow.ExecuteActivity(ctx, acts.Reschedule, activities.RescheduleParams{
				ResourceID: in.ResourceID, Epoch: in.Epoch, ProtectedUntil: req.ProtectedUntil,
				Rule: req.Rule, RuleVersion: req.RuleVersion,
			}).Get(ctx, nil)
			if err != nil {
				return err
			}
			st.ProtectedUntil, st.Rule, st.RuleVersion = req.ProtectedUntil, req.Rule, req.RuleVersion
			rearm = true
			return nil
		},
		workflow.UpdateHandlerOptions{Validator: func(req RescheduleRequest) error {
			if st.Status != StatusProtected {
				return fmt.Errorf("%w (status %s)", ErrNotProtected, st.Status)
			}
			if req.ProtectedUntil.IsZero() {
				return errors.New("a reschedule needs the new deadline")
			}
			return nil
		}})
	if err != nil {
		return st, err
	}

	// Wait for the deadline, a release, or a new deadline (then wait again).
	for {
		timerCtx, cancelTimer := workflow.WithCancel(ctx)
		expired := false
		timer := workflow.NewTimer(timerCtx, st.ProtectedUntil.Sub(workflow.Now(ctx)))
		workflow.Go(ctx, func(ctx workflow.Context) {
			if timer.Get(ctx, nil) == nil {
				expired = true
			}
		})
		if err := workflow.Await(ctx, func() bool {
			return st.Status == StatusReleased || (expired && st.Status == StatusProtected) || rearm
		}); err != nil {
			return st, err
		}
		cancelTimer()
		if !rearm || st.Status == StatusReleased {
			break
		}
		rearm = false
	}

	if st.Status == StatusProtected { // the timer fired first
		st.Status = StatusExpiring
		err := workflow.ExecuteActivity(ctx, acts.Expire, activities.ExpireParams{
			ResourceID: in.ResourceID, Epoch: in.Epoch, Rule: st.Rule, RuleVersion: st.RuleVersion,
		}).Get(ctx, nil)
		if err != nil {
			return st, err
		}
		st.Status = StatusExpired
	}
	// Let an update that was admitted meanwhile answer before the run closes.
	err = workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
	return st, err
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
