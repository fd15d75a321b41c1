package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/workflows/contract"
)

// ApplicationReview waits for a filed application's review deadline and then
// lets it lapse if it is still pending, freeing the keys it holds: an open
// application must not reserve a company forever. It needs no word of the
// decision: the lapse does nothing to a decided application, and a decision
// refuses an application already lapsed; both lock its row.
func ApplicationReview(ctx workflow.Context, in contract.ReviewInput) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	if err := workflow.Sleep(ctx, in.Deadline.Sub(workflow.Now(ctx))); err != nil {
		return err
	}
	return workflow.ExecuteActivity(ctx, contract.ActivityLapseUnreviewed, contract.LapseParams{ApplicationID: in.ApplicationID}).Get(ctx, nil)
}
