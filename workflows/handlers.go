package workflows

import (
	"errors"
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/activities"
)

// register installs the state query and the release, reschedule and sign
// updates. Validators run before an update is admitted and change nothing.
func (w *resource) register(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, QueryState, func() (ResourceState, error) { return w.st, nil }); err != nil {
		return err
	}
	err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateRelease, w.release,
		workflow.UpdateHandlerOptions{Validator: func(req ReleaseRequest) error {
			if w.st.Status != StatusProtected && w.st.Status != StatusSigned {
				return fmt.Errorf("%w (status %s)", ErrNotProtected, w.st.Status)
			}
			if req.ActorID != w.in.OwnerID {
				return errors.New("only the owner may release the resource")
			}
			if req.Reason == "" {
				return errors.New("a release needs a reason")
			}
			return nil
		}})
	if err != nil {
		return err
	}
	err = workflow.SetUpdateHandlerWithOptions(ctx, UpdateReschedule, w.reschedule,
		workflow.UpdateHandlerOptions{Validator: func(req RescheduleRequest) error {
			if w.st.Status != StatusProtected {
				return fmt.Errorf("%w (status %s)", ErrNotProtected, w.st.Status)
			}
			if req.ProtectedUntil.IsZero() {
				return errors.New("a reschedule needs the new deadline")
			}
			return nil
		}})
	if err != nil {
		return err
	}
	return workflow.SetUpdateHandlerWithOptions(ctx, UpdateSign, w.sign,
		workflow.UpdateHandlerOptions{Validator: func(req SignRequest) error {
			if w.st.Status != StatusProtected {
				return fmt.Errorf("%w (status %s)", ErrNotProtected, w.st.Status)
			}
			if req.ActorID != w.in.OwnerID {
				return errors.New("only the owner may sign the resource")
			}
			return nil
		}})
}

func (w *resource) release(ctx workflow.Context, req ReleaseRequest) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	before := w.st.Status
	w.st.Status = StatusReleasing
	err := workflow.ExecuteActivity(ctx, acts.Release, activities.ReleaseParams{
		ResourceID: w.in.ResourceID, Epoch: w.in.Epoch, ActorID: req.ActorID, Reason: req.Reason,
	}).Get(ctx, nil)
	if err != nil {
		w.st.Status = before // nothing changed; the wait goes on
		return err
	}
	w.st.Status = StatusReleased
	return nil
}

func (w *resource) reschedule(ctx workflow.Context, req RescheduleRequest) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	err := workflow.ExecuteActivity(ctx, acts.Reschedule, activities.RescheduleParams{
		ResourceID: w.in.ResourceID, Epoch: w.in.Epoch, ProtectedUntil: req.ProtectedUntil,
		Rule: req.Rule, RuleVersion: req.RuleVersion,
	}).Get(ctx, nil)
	if err != nil {
		return err
	}
	w.st.ProtectedUntil, w.st.Rule, w.st.RuleVersion = req.ProtectedUntil, req.Rule, req.RuleVersion
	w.rearm = true
	return nil
}

func (w *resource) sign(ctx workflow.Context, req SignRequest) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	err := workflow.ExecuteActivity(ctx, acts.Sign, activities.SignParams{
		ResourceID: w.in.ResourceID, Epoch: w.in.Epoch, ActorID: req.ActorID,
	}).Get(ctx, nil)
	if err != nil {
		return err
	}
	w.st.Status = StatusSigned
	return nil
}
