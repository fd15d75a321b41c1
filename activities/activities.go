// Package activities holds every side effect tide's workflows cause. Each
// activity is idempotent: it carries the ownership epoch it acts on, so a
// retry after a lost answer, or a stale run, changes nothing twice.
package activities

import (
	"context"
	"errors"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// Activities are bound to the store they write through; they implement
// the workflows' contract.
type Activities struct {
	Store *store.Store
	// Imports commits imports' rows; nil in a process that runs none.
	Imports ImportRunner
}

var _ contract.Activities = (*Activities)(nil)

// Release returns the resource to the public sea on its owner's request.
func (a *Activities) Release(ctx context.Context, p contract.ReleaseParams) error {
	actor := p.ActorID
	return a.toPublic(ctx, p.ResourceID, p.Epoch, resource.Change{ActorID: &actor, Path: resource.PathRelease, Reason: p.Reason})
}

// Expire returns the resource to the public sea when its protection ends
// (R14), with the system as the actor.
func (a *Activities) Expire(ctx context.Context, p contract.ExpireParams) error {
	return a.toPublic(ctx, p.ResourceID, p.Epoch, resource.Change{
		Path: resource.PathExpiry, Reason: "protection period ended", Rule: p.Rule, RuleVersion: p.RuleVersion,
	})
}

func (a *Activities) toPublic(ctx context.Context, id int64, epoch int, c resource.Change) error {
	_, applied, err := a.Store.ReturnToPublic(ctx, id, epoch, c)
	switch {
	case errors.Is(err, store.ErrStaleEpoch):
		return temporal.NewNonRetryableApplicationError("the resource changed hands before this "+c.Path, contract.ErrTypeStale, err)
	case fault.Is(err, fault.NotFound):
		// A run whose entry never committed: there is nothing to return.
		activity.GetLogger(ctx).Warn("no such resource; nothing to do", "resource", id, "path", c.Path)
		return nil
	case fault.Is(err, fault.Forbidden):
		return temporal.NewNonRetryableApplicationError(err.Error(), contract.ErrTypeForbidden, err)
	case err != nil:
		return err
	}
	if !applied {
		activity.GetLogger(ctx).Info("already done", "resource", id, "epoch", epoch, "path", c.Path)
		return nil
	}
	metrics.Moves.WithLabelValues(c.Path).Inc()
	return nil
}

// Reschedule records a new protection deadline decided by a re-applied
// timing rule. It is idempotent and guarded by the epoch.
func (a *Activities) Reschedule(ctx context.Context, p contract.RescheduleParams) error {
	err := a.Store.SetProtectedUntil(ctx, p.ResourceID, p.Epoch, p.ProtectedUntil, p.Rule, p.RuleVersion)
	if errors.Is(err, store.ErrStaleEpoch) {
		return temporal.NewNonRetryableApplicationError("the resource changed hands before the reschedule", contract.ErrTypeStale, err)
	}
	return err
}

// Remind tells the owner that the protection ends soon (R14); once per
// epoch however often it is retried.
func (a *Activities) Remind(ctx context.Context, p contract.RemindParams) error {
	return a.Store.Remind(ctx, p.ResourceID, p.Epoch, p.ProtectedUntil)
}

// Sign records that the resource was signed: it stops expiring.
func (a *Activities) Sign(ctx context.Context, p contract.SignParams) error {
	err := a.Store.Sign(ctx, p.ResourceID, p.Epoch, p.ActorID)
	if errors.Is(err, store.ErrStaleEpoch) {
		return temporal.NewNonRetryableApplicationError("the resource changed hands before the signing", contract.ErrTypeStale, err)
	}
	return err
}

// LapseApplication lets an approved application lapse at its deadline (R9):
// its keys are freed and the rep and sales support are told. An application
// already entered (or otherwise settled) is left as it is.
func (a *Activities) LapseApplication(ctx context.Context, p contract.LapseParams) error {
	return a.Store.LapseApplication(ctx, p.ApplicationID)
}

// LapseUnreviewed lets a pending application lapse at its review deadline:
// its keys are freed and the rep and sales support are told. A decided
// application, or one that never committed, is left as it is.
func (a *Activities) LapseUnreviewed(ctx context.Context, p contract.LapseParams) error {
	return a.Store.LapseUnreviewed(ctx, p.ApplicationID)
}

// SearchApplication runs the application's search again (R11); it fails,
// to be retried, while the search still cannot answer. Idempotent: an
// application already searched is left alone.
func (a *Activities) SearchApplication(ctx context.Context, p contract.SearchParams) error {
	return a.Store.ResearchApplication(ctx, p.ApplicationID)
}
