package activities

import (
	"context"
	"errors"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/workflows/contract"
)

// ImportRunner commits imports; package imports implements it.
type ImportRunner interface {
	// RunBatch enters up to size rows of import id still without a result,
	// each in its own transaction that also records the row's result, and
	// records every refusal; beat is called after each row. It reports
	// Finished once every row has a result or the import was cancelled
	// (and marks the import so).
	RunBatch(ctx context.Context, id int64, size int, beat func(done int)) (contract.ImportProgress, error)
}

// ImportBatch commits the next batch of an import's rows. A retry after a
// lost answer or a dead worker enters only rows still without a result.
func (a *Activities) ImportBatch(ctx context.Context, p contract.ImportBatchParams) (contract.ImportProgress, error) {
	if a.Imports == nil {
		return contract.ImportProgress{}, errors.New("this worker runs no imports")
	}
	size := p.BatchSize
	if size <= 0 {
		size = contract.ImportBatchSize
	}
	out, err := a.Imports.RunBatch(ctx, p.ImportID, size, func(done int) { activity.RecordHeartbeat(ctx, done) })
	switch {
	case fault.Is(err, fault.NotFound):
		return out, temporal.NewNonRetryableApplicationError("no such import", contract.ErrTypeForbidden, err)
	case err != nil:
		// The rows done so far keep their results; the retry goes on from there.
		activity.GetLogger(ctx).Warn("an import batch failed; it will be retried", "import", p.ImportID, "err", err)
	}
	return out, err
}
