package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/workflows/contract"
)

// importBatchesPerRun bounds one run's history: after this many batches
// the import continues as new, its state being in PostgreSQL.
const importBatchesPerRun = 200

// Import commits a checked import batch by batch until every row has its
// result or the import is cancelled. The rows' results live in PostgreSQL,
// written in each row's own entry transaction, so a batch retried after a
// worker died enters only the rows it had not reached. A cancel is read
// by the batch from the database: the import stops between batches.
func Import(ctx workflow.Context, in contract.ImportInput) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Minute,
		// A batch heartbeats per row: a dead worker's batch is retried
		// elsewhere within seconds, not minutes.
		HeartbeatTimeout: 10 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			MaximumInterval:        10 * time.Second, // a batch lost to a deadlock or a restart goes on soon
			NonRetryableErrorTypes: contract.NonRetryable,
		},
	})
	for range importBatchesPerRun {
		var p contract.ImportProgress
		err := workflow.ExecuteActivity(ctx, contract.ActivityImportBatch,
			contract.ImportBatchParams{ImportID: in.ImportID, BatchSize: in.BatchSize}).Get(ctx, &p)
		if err != nil {
			return err
		}
		if p.Finished {
			return nil
		}
	}
	return workflow.NewContinueAsNewError(ctx, contract.WorkflowImport, in)
}
