package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/workflows/contract"
)

// ApplicationSearch runs the collision search of an application filed
// while the search could not answer (R11) as soon as the search answers:
// the activity is retried, backing off to once a minute, for contract.SearchGiveUp.
func ApplicationSearch(ctx workflow.Context, in contract.ApplicationSearchInput) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    30 * time.Second,
		ScheduleToCloseTimeout: contract.SearchGiveUp,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			MaximumInterval:        time.Minute,
			NonRetryableErrorTypes: contract.NonRetryable,
		},
	})
	return workflow.ExecuteActivity(ctx, contract.ActivitySearchApplication, contract.SearchParams{ApplicationID: in.ApplicationID}).Get(ctx, nil)
}
