package sea

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/requestid"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// TemporalProtector implements Protector with a Temporal client, and sends
// the outbox's commands (outbox.Sender).
type TemporalProtector struct {
	Client client.Client
	// Outbox, when set, is flushed for a resource's workflow before an
	// update goes to it: the workflow a committed move recorded is started
	// by then.
	Outbox interface {
		Flush(ctx context.Context, workflowID string) error
	}
	// Wait bounds how long an update waits for Temporal (UpdateWait when
	// zero): the SDK retries an unreachable server for as long as the
	// context lives, and a person releasing a customer while Temporal is
	// down should be told so (503), not kept waiting for its return.
	Wait time.Duration
}

// UpdateWait is how long a release, sign or reschedule waits for Temporal
// by default. An update admitted just before it runs out may still
// complete; the answer then says unavailable and a retry finds it done.
const UpdateWait = 20 * time.Second

// Send delivers one command of the outbox, idempotently: a start already
// done (the same epoch's protection running, an application's workflow
// there) and an end already happened are successes.
func (p *TemporalProtector) Send(ctx context.Context, c store.Pending) error {
	if c.Kind == contract.CommandEnd {
		err := p.Client.TerminateWorkflow(ctx, c.WorkflowID, "", "its record left both seas")
		var notFound *serviceerror.NotFound
		if errors.As(err, &notFound) {
			return nil
		}
		return err
	}
	opts := client.StartWorkflowOptions{ID: c.WorkflowID, TaskQueue: contract.TaskQueue, Memo: c.Memo}
	var arg any
	switch c.WorkflowType {
	case contract.WorkflowResource:
		// First as though no run had ever existed — a new entry's case, one
		// call; a run there (open or closed) is looked at only then.
		opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL
		opts.WorkflowIDReusePolicy = enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
		opts.WorkflowExecutionErrorWhenAlreadyStarted = true
		if opts.Memo == nil {
			opts.Memo = map[string]any{}
		}
		opts.Memo["epoch"] = c.Epoch
		arg = &contract.ResourceInput{}
	case contract.WorkflowApplication:
		// An approval happens once: a run that exists is this one.
		opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
		opts.WorkflowIDReusePolicy = enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
		arg = &contract.ApplicationInput{}
	case contract.WorkflowApplicationReview:
		opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
		arg = &contract.ReviewInput{}
	case contract.WorkflowApplicationSearch:
		opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
		arg = &contract.ApplicationSearchInput{}
	case contract.WorkflowImport:
		// An import is committed once: a run that exists is this one.
		opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
		opts.WorkflowIDReusePolicy = enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
		arg = &contract.ImportInput{}
	default:
		return fmt.Errorf("outbox: unknown workflow type %q", c.WorkflowType)
	}
	if err := json.Unmarshal(c.Input, arg); err != nil {
		return fmt.Errorf("outbox: %s input: %w", c.WorkflowType, err)
	}
	began := time.Now()
	input := reflect.ValueOf(arg).Elem().Interface()
	_, err := p.Client.ExecuteWorkflow(ctx, opts, c.WorkflowType, input)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		err = nil // a run that may not be replaced is there: this command's
		if c.WorkflowType == contract.WorkflowResource {
			err = p.replace(ctx, opts, c, input)
		}
	}
	metrics.WorkflowStarts.WithLabelValues(startLabel[c.WorkflowType], metrics.Outcome(err)).Observe(metrics.Since(began))
	return err
}

// replace starts the protection of c's epoch over the run that workflow id
// has had: nothing when that run is this epoch's or a later one's (the
// command was sent before, whether the run is still open or not); a run of
// an earlier epoch, open or closed, gives way — an open one's activities
// could no longer change anything (they are epoch-guarded).
func (p *TemporalProtector) replace(ctx context.Context, opts client.StartWorkflowOptions, c store.Pending, input any) error {
	latest, err := p.latestEpoch(ctx, c.WorkflowID)
	if err != nil || latest >= c.Epoch {
		return err
	}
	opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING
	opts.WorkflowIDReusePolicy = enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
	_, err = p.Client.ExecuteWorkflow(ctx, opts, c.WorkflowType, input)
	return err
}

// startLabel names each workflow type in tide_workflow_start_seconds as
// its workflow ids do, the names the dashboard uses.
var startLabel = map[string]string{
	contract.WorkflowResource:          "resource",
	contract.WorkflowApplication:       "application",
	contract.WorkflowApplicationReview: "application-review",
	contract.WorkflowApplicationSearch: "application-search",
	contract.WorkflowImport:            "import",
}

// latestEpoch is the ownership epoch of the latest run of workflowID, open
// or closed; 0 when there is none.
func (p *TemporalProtector) latestEpoch(ctx context.Context, workflowID string) (int, error) {
	d, err := p.Client.DescribeWorkflowExecution(ctx, workflowID, "")
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	info := d.GetWorkflowExecutionInfo()
	var epoch int
	if f := info.GetMemo().GetFields()["epoch"]; f != nil {
		if err := converter.GetDefaultDataConverter().FromPayload(f, &epoch); err != nil {
			return 0, err
		}
	}
	return epoch, nil
}

// Memo records, on a workflow a request causes, the request's id: the
// Temporal UI then leads from a history back to the log line.
func Memo(ctx context.Context) map[string]any {
	if id := requestid.From(ctx); id != "" {
		return map[string]any{"request_id": id}
	}
	return nil
}

// Release sends the release update and waits for its outcome.
func (p *TemporalProtector) Release(ctx context.Context, resourceID int64, req contract.ReleaseRequest) error {
	return p.update(ctx, resourceID, contract.UpdateRelease, req)
}

// Reschedule sends the reschedule update and waits for its outcome.
func (p *TemporalProtector) Reschedule(ctx context.Context, resourceID int64, req contract.RescheduleRequest) error {
	return p.update(ctx, resourceID, contract.UpdateReschedule, req)
}

// Sign sends the sign update and waits for its outcome.
func (p *TemporalProtector) Sign(ctx context.Context, resourceID int64, req contract.SignRequest) error {
	return p.update(ctx, resourceID, contract.UpdateSign, req)
}

func (p *TemporalProtector) update(ctx context.Context, resourceID int64, name string, arg any) error {
	wait := p.Wait
	if wait == 0 {
		wait = UpdateWait
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if p.Outbox != nil {
		if err := p.Outbox.Flush(ctx, contract.ResourceWorkflowID(resourceID)); err != nil {
			return err
		}
	}
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
// unreachable server, or one that did not answer in time (the SDK's own
// deadline on reaching it, or Wait), is Unavailable.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return fault.Wrap(err, fault.Conflict, "the resource has no running protection")
	}
	var unavailable *serviceerror.Unavailable
	var late *serviceerror.DeadlineExceeded
	if errors.As(err, &unavailable) || errors.As(err, &late) || errors.Is(err, context.DeadlineExceeded) {
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
