// Package workflows holds tide's Temporal workflows. Workflow code here is
// deterministic: no I/O, no clocks but workflow.Now, no rule evaluation.
// Everything that touches the world runs in activities; every deadline
// arrives as an absolute time decided by a rule before the workflow starts.
package workflows

import (
	"errors"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/workflows/contract"
)

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
func Resource(ctx workflow.Context, in contract.ResourceInput) (contract.ResourceState, error) {
	w := &resource{in: in, st: contract.ResourceState{ResourceInput: in, Status: contract.StatusProtected}}
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
	if w.st.Status == contract.StatusProtected { // the deadline came first
		w.st.Status = contract.StatusExpiring
		err := workflow.ExecuteActivity(ctx, contract.ActivityExpire, contract.ExpireParams{
			ResourceID: in.ResourceID, Epoch: in.Epoch, Rule: w.st.Rule, RuleVersion: w.st.RuleVersion,
		}).Get(ctx, nil)
		if err != nil {
			return w.st, err
		}
		w.st.Status = contract.StatusExpired
	}
	// Let an update that was admitted meanwhile answer before the run closes.
	err = workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
	return w.st, err
}

// resource is one run's state, shared by its handlers and its wait.
type resource struct {
	in    contract.ResourceInput
	st    contract.ResourceState
	rearm bool // a reschedule moved the deadline: wait again
}

var activityOptions = workflow.ActivityOptions{
	StartToCloseTimeout: 30 * time.Second,
	RetryPolicy: &temporal.RetryPolicy{
		InitialInterval:        time.Second,
		MaximumInterval:        time.Minute,
		NonRetryableErrorTypes: contract.NonRetryable,
	},
}
