package workflows

import (
	"errors"
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/workflows/contract"
)

// register installs the state query and the release, reschedule and sign
// updates. Validators run before an update is admitted and change nothing.
func (w *resource) register(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, contract.QueryState, func() (contract.ResourceState, error) { return w.st, nil }); err != nil {
		return err
	}
	err := workflow.SetUpdateHandlerWithOptions(ctx, contract.UpdateRelease, w.release,
		workflow.UpdateHandlerOptions{Validator: func(req contract.ReleaseRequest) error {
			if w.st.Status != contract.StatusProtected && w.st.Status != contract.StatusSigned {
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
	err = workflow.SetUpdateHandlerWithOptions(ctx, contract.UpdateReschedule, w.reschedule,
		workflow.UpdateHandlerOptions{Validator: func(req contract.RescheduleRequest) error {
			if w.st.Status != contract.StatusProtected {
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
	return workflow.SetUpdateHandlerWithOptions(ctx, contract.UpdateSign, w.sign,
		workflow.UpdateHandlerOptions{Validator: func(req contract.SignRequest) error {
			if w.st.Status != contract.StatusProtected {
				return fmt.Errorf("%w (status %s)", ErrNotProtected, w.st.Status)
			}
			if req.ActorID != w.in.OwnerID {
				return errors.New("only the owner may sign the resource")
			}
			return nil
		}})
}

func (w *resource) release(ctx workflow.Context, req contract.ReleaseRequest) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	before := w.st.Status
	w.st.Status = contract.StatusReleasing
	err := workflow.ExecuteActivity(ctx, contract.ActivityRelease, contract.ReleaseParams{
		ResourceID: w.in.ResourceID, Epoch: w.in.Epoch, ActorID: req.ActorID, Reason: req.Reason,
	}).Get(ctx, nil)
	if err != nil {
		w.st.Status = before // nothing changed; the wait goes on
		return err
	}
	w.st.Status = contract.StatusReleased
	return nil
}

func (w *resource) reschedule(ctx workflow.Context, req contract.RescheduleRequest) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	err := workflow.ExecuteActivity(ctx, contract.ActivityReschedule, contract.RescheduleParams{
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

func (w *resource) sign(ctx workflow.Context, req contract.SignRequest) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	err := workflow.ExecuteActivity(ctx, contract.ActivitySign, contract.SignParams{
		ResourceID: w.in.ResourceID, Epoch: w.in.Epoch, ActorID: req.ActorID,
	}).Get(ctx, nil)
	if err != nil {
		return err
	}
	w.st.Status = contract.StatusSigned
	return nil
}
