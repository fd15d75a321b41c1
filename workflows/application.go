package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/workflows/contract"
)

// Application waits for an approved application's deadline and then lets
// it lapse (R9). It needs no word of the entry: the lapse activity does
// nothing to an application already entered, and the entry refuses an
// application already lapsed; both lock the application's row, so exactly
// one of them wins at the boundary.
func Application(ctx workflow.Context, in contract.ApplicationInput) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	if err := workflow.Sleep(ctx, in.Deadline.Sub(workflow.Now(ctx))); err != nil {
		return err
	}
	return workflow.ExecuteActivity(ctx, contract.ActivityLapseApplication, contract.LapseParams{ApplicationID: in.ApplicationID}).Get(ctx, nil)
}
