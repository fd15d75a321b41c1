package sea

import (
	"context"
	"errors"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/requestid"
	"github.com/tide-crm/tide/workflows/contract"
)

// TemporalProtector implements Protector with a Temporal client.
type TemporalProtector struct {
	Client client.Client
}

// Protect starts resource/<id> for the epoch. A run of an earlier epoch that
// is still open (its release or expiry activity done, the run not yet
// closed) is terminated: the new epoch supersedes it, and its activities
// could no longer change anything anyway.
func (p TemporalProtector) Protect(ctx context.Context, in contract.ResourceInput) error {
	err := p.start(ctx, "resource", client.StartWorkflowOptions{
		ID:                       contract.ResourceWorkflowID(in.ResourceID),
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
	}, contract.WorkflowResource, in)
	if err != nil {
		return fault.Wrap(err, fault.Unavailable, "the workflow service did not start the resource's protection")
	}
	return nil
}

// Watch starts application/<id>. An approval happens once, so a run that
// exists already is an error, never replaced.
func (p TemporalProtector) Watch(ctx context.Context, in contract.ApplicationInput) error {
	err := p.start(ctx, "application", client.StartWorkflowOptions{
		ID:                       contract.ApplicationWorkflowID(in.ApplicationID),
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
	}, contract.WorkflowApplication, in)
	if err != nil {
		return fault.Wrap(err, fault.Unavailable, "the workflow service did not start the application's deadline")
	}
	return nil
}

// Review starts application-review/<id>; a run that exists already is the
// same deadline (a filing retried after its workflow started).
func (p TemporalProtector) Review(ctx context.Context, in contract.ReviewInput) error {
	err := p.start(ctx, "application-review", client.StartWorkflowOptions{
		ID:                       contract.ApplicationReviewWorkflowID(in.ApplicationID),
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}, contract.WorkflowApplicationReview, in)
	if err != nil {
		return fault.Wrap(err, fault.Unavailable, "the workflow service did not start the application's review deadline")
	}
	return nil
}

// Research starts application-search/<id>; a run that exists already is
// the same search.
func (p TemporalProtector) Research(ctx context.Context, applicationID int64) error {
	err := p.start(ctx, "application-search", client.StartWorkflowOptions{
		ID:                       contract.ApplicationSearchWorkflowID(applicationID),
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}, contract.WorkflowApplicationSearch, contract.ApplicationSearchInput{ApplicationID: applicationID})
	if err != nil {
		return fault.Wrap(err, fault.Unavailable, "the workflow service did not start the application's search")
	}
	return nil
}

// start starts a workflow on tide's task queue with the request's memo,
// and measures how long the start took.
func (p TemporalProtector) start(ctx context.Context, name string, opts client.StartWorkflowOptions, wf string, arg any) error {
	opts.TaskQueue, opts.Memo = contract.TaskQueue, memo(ctx)
	began := time.Now()
	_, err := p.Client.ExecuteWorkflow(ctx, opts, wf, arg)
	metrics.WorkflowStarts.WithLabelValues(name, metrics.Outcome(err)).Observe(metrics.Since(began))
	return err
}

// memo records, on a workflow a request starts, the request's id: the
// Temporal UI then leads from a history back to the log line.
func memo(ctx context.Context) map[string]any {
	if id := requestid.From(ctx); id != "" {
		return map[string]any{"request_id": id}
	}
	return nil
}

// Release sends the release update and waits for its outcome.
func (p TemporalProtector) Release(ctx context.Context, resourceID int64, req contract.ReleaseRequest) error {
	return p.update(ctx, resourceID, contract.UpdateRelease, req)
}

// Reschedule sends the reschedule update and waits for its outcome.
func (p TemporalProtector) Reschedule(ctx context.Context, resourceID int64, req contract.RescheduleRequest) error {
	return p.update(ctx, resourceID, contract.UpdateReschedule, req)
}

// Sign sends the sign update and waits for its outcome.
func (p TemporalProtector) Sign(ctx context.Context, resourceID int64, req contract.SignRequest) error {
	return p.update(ctx, resourceID, contract.UpdateSign, req)
}

// End terminates the protection of a closed record; a protection already
// gone is fine. The record's epoch has moved on, so even a run that survived
// could change nothing.
func (p TemporalProtector) End(ctx context.Context, resourceID int64, reason string) error {
	err := p.Client.TerminateWorkflow(ctx, contract.ResourceWorkflowID(resourceID), "", reason)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return nil
	}
	return classify(err)
}

func (p TemporalProtector) update(ctx context.Context, resourceID int64, name string, arg any) error {
	h, err := p.Client.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID:   contract.ResourceWorkflowID(resourceID),
		UpdateName:   name,
		Args:         []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = h.Get(ctx, nil)
	}
	return classify(err)
}

// classify turns Temporal's answers into fault kinds: a missing or closed
// workflow, or a refused update, is a Conflict with the current state; an
// unreachable server is Unavailable.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return fault.Wrap(err, fault.Conflict, "the resource has no running protection")
	}
	var unavailable *serviceerror.Unavailable
	if errors.As(err, &unavailable) || errors.Is(err, context.DeadlineExceeded) {
		return fault.Wrap(err, fault.Unavailable, "the workflow service is unavailable")
	}
	return fault.Wrap(err, fault.Conflict, "the workflow refused: "+rootMessage(err))
}

func rootMessage(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
