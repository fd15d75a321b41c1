package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/workflows/contract"
)

// wait holds the protection until the deadline (returns with status
// protected), a release (released) or, once signed, a release. The owner is
// reminded RemindBefore the deadline, once per run; a reschedule re-arms
// both timers.
func (w *resource) wait(ctx workflow.Context) error {
	reminded := w.in.RemindBefore <= 0
	for {
		timerCtx, cancelTimers := workflow.WithCancel(ctx)
		expired, remind := false, false
		now := workflow.Now(ctx)
		onFire(ctx, workflow.NewTimer(timerCtx, w.st.ProtectedUntil.Sub(now)), &expired)
		if !reminded {
			onFire(ctx, workflow.NewTimer(timerCtx, w.st.ProtectedUntil.Add(-w.in.RemindBefore).Sub(now)), &remind)
		}
		err := workflow.Await(ctx, func() bool {
			return w.st.Status != contract.StatusProtected && w.st.Status != contract.StatusReleasing ||
				w.st.Status == contract.StatusProtected && (expired || remind || w.rearm)
		})
		cancelTimers()
		switch {
		case err != nil:
			return err
		case w.st.Status == contract.StatusSigned: // no deadline any more: only a release ends it
			return workflow.Await(ctx, func() bool { return w.st.Status == contract.StatusReleased })
		case w.st.Status == contract.StatusReleased, expired && !w.rearm:
			return nil
		case w.rearm:
			w.rearm = false
		case remind:
			reminded = true
			w.st.Reminded = true
			err := workflow.ExecuteActivity(ctx, contract.ActivityRemind, contract.RemindParams{
				ResourceID: w.in.ResourceID, Epoch: w.in.Epoch, ProtectedUntil: w.st.ProtectedUntil,
			}).Get(ctx, nil)
			if err != nil {
				return err
			}
		}
	}
}

// onFire sets *flag when the timer fires (not when it is cancelled).
func onFire(ctx workflow.Context, timer workflow.Future, flag *bool) {
	workflow.Go(ctx, func(ctx workflow.Context) {
		if timer.Get(ctx, nil) == nil {
			*flag = true
		}
	})
}

// waitV0 is the wait of runs started before reminders and signing: it must
// issue the same commands as it did then, so their histories replay.
func (w *resource) waitV0(ctx workflow.Context) error {
	for {
		timerCtx, cancelTimer := workflow.WithCancel(ctx)
		expired := false
		timer := workflow.NewTimer(timerCtx, w.st.ProtectedUntil.Sub(workflow.Now(ctx)))
		workflow.Go(ctx, func(ctx workflow.Context) {
			if timer.Get(ctx, nil) == nil {
				expired = true
			}
		})
		if err := workflow.Await(ctx, func() bool {
			return w.st.Status == contract.StatusReleased || (expired && w.st.Status == contract.StatusProtected) || w.rearm
		}); err != nil {
			return err
		}
		cancelTimer()
		if !w.rearm || w.st.Status == contract.StatusReleased {
			return nil
		}
		w.rearm = false
	}
}
