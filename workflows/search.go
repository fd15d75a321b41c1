package workflows

import (
	"strconv"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/activities"
)

// ApplicationSearchWorkflowID is the id of the workflow that searches for
// an application filed while its search could not answer.
func ApplicationSearchWorkflowID(applicationID int64) string {
	return "application-search/" + strconv.FormatInt(applicationID, 10)
}

// ApplicationSearchInput names the application to search for.
type ApplicationSearchInput struct {
	ApplicationID int64
}

// SearchGiveUp is how long the search of an unprotected application is
// retried; after it the application stays unprotected (R11).
const SearchGiveUp = 24 * time.Hour

// ApplicationSearch runs the collision search of an application filed
// while the search could not answer (R11) as soon as the search answers:
// the activity is retried, backing off to once a minute, for SearchGiveUp.
func ApplicationSearch(ctx workflow.Context, in ApplicationSearchInput) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    30 * time.Second,
		ScheduleToCloseTimeout: SearchGiveUp,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			MaximumInterval:        time.Minute,
			NonRetryableErrorTypes: activities.NonRetryable,
		},
	})
	return workflow.ExecuteActivity(ctx, acts.SearchApplication, activities.SearchParams{ApplicationID: in.ApplicationID}).Get(ctx, nil)
}
