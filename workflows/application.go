package workflows

import (
	"strconv"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/activities"
)

// ApplicationWorkflowID is the id of the workflow that watches an approved
// application's deadline.
func ApplicationWorkflowID(applicationID int64) string {
	return "application/" + strconv.FormatInt(applicationID, 10)
}

// ApplicationInput starts the watch of an approved application.
type ApplicationInput struct {
	ApplicationID int64
	Deadline      time.Time // decided by entry.deadline at the approval (R9)
}

// Application waits for an approved application's deadline and then lets
// it lapse (R9). It needs no word of the entry: the lapse activity does
// nothing to an application already entered, and the entry refuses an
// application already lapsed; both lock the application's row, so exactly
// one of them wins at the boundary.
func Application(ctx workflow.Context, in ApplicationInput) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	if err := workflow.Sleep(ctx, in.Deadline.Sub(workflow.Now(ctx))); err != nil {
		return err
	}
	return workflow.ExecuteActivity(ctx, acts.LapseApplication, activities.LapseParams{ApplicationID: in.ApplicationID}).Get(ctx, nil)
}
