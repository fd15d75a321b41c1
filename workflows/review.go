package workflows

import (
	"strconv"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/activities"
)

// ApplicationReviewWorkflowID is the id of the workflow that lets an
// application lapse when sales support does not decide it in time.
func ApplicationReviewWorkflowID(applicationID int64) string {
	return "application-review/" + strconv.FormatInt(applicationID, 10)
}

// ReviewInput starts the review deadline of a filed application.
type ReviewInput struct {
	ApplicationID int64
	Deadline      time.Time // decided by application.review_deadline at the filing
}

// ApplicationReview waits for a filed application's review deadline and then
// lets it lapse if it is still pending, freeing the keys it holds: an open
// application must not reserve a company forever. It needs no word of the
// decision: the lapse does nothing to a decided application, and a decision
// refuses an application already lapsed; both lock its row.
func ApplicationReview(ctx workflow.Context, in ReviewInput) error {
	ctx = workflow.WithActivityOptions(ctx, activityOptions)
	if err := workflow.Sleep(ctx, in.Deadline.Sub(workflow.Now(ctx))); err != nil {
		return err
	}
	return workflow.ExecuteActivity(ctx, acts.LapseUnreviewed, activities.LapseParams{ApplicationID: in.ApplicationID}).Get(ctx, nil)
}
