// Package activities holds every side effect tide's workflows cause. Each
// activity is idempotent: it carries the ownership epoch it acts on, so a
// retry after a lost answer, or a stale run, changes nothing twice.
package activities

import (
	"context"
	"errors"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/store"
)

// Activities are bound to the store they write through.
type Activities struct {
	Store *store.Store
}

// Error types the workflows must not retry.
const (
	ErrTypeStale     = "StaleEpoch"
	ErrTypeForbidden = "Forbidden"
)

// NonRetryable lists the error types no retry can fix.
var NonRetryable = []string{ErrTypeStale, ErrTypeForbidden}

// ReleaseParams identifies a release by the owner (R15).
type ReleaseParams struct {
	ResourceID int64
	Epoch      int
	ActorID    int64
	Reason     string
}

// Release returns the resource to the public sea on its owner's request.
func (a *Activities) Release(ctx context.Context, p ReleaseParams) error {
	actor := p.ActorID
	return a.toPublic(ctx, p.ResourceID, p.Epoch, store.Change{ActorID: &actor, Path: store.PathRelease, Reason: p.Reason})
}

// ExpireParams identifies an expiry and the rule version that set its time.
type ExpireParams struct {
	ResourceID        int64
	Epoch             int
	Rule, RuleVersion string
}

// Expire returns the resource to the public sea when its protection ends
// (R14), with the system as the actor.
func (a *Activities) Expire(ctx context.Context, p ExpireParams) error {
	return a.toPublic(ctx, p.ResourceID, p.Epoch, store.Change{
		Path: store.PathExpiry, Reason: "protection period ended", Rule: p.Rule, RuleVersion: p.RuleVersion,
	})
}

func (a *Activities) toPublic(ctx context.Context, id int64, epoch int, c store.Change) error {
	_, applied, err := a.Store.ReturnToPublic(ctx, id, epoch, c)
	switch {
	case errors.Is(err, store.ErrStaleEpoch):
		return temporal.NewNonRetryableApplicationError("the resource changed hands before this "+c.Path, ErrTypeStale, err)
	case fault.Is(err, fault.NotFound):
		// A run whose entry never committed: there is nothing to return.
		activity.GetLogger(ctx).Warn("no such resource; nothing to do", "resource", id, "path", c.Path)
		return nil
	case fault.Is(err, fault.Forbidden):
		return temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeForbidden, err)
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

// RescheduleParams moves one epoch's protection deadline.
type RescheduleParams struct {
	ResourceID        int64
	Epoch             int
	ProtectedUntil    time.Time
	Rule, RuleVersion string
}

// Reschedule records a new protection deadline decided by a re-applied
// timing rule. It is idempotent and guarded by the epoch.
func (a *Activities) Reschedule(ctx context.Context, p RescheduleParams) error {
	err := a.Store.SetProtectedUntil(ctx, p.ResourceID, p.Epoch, p.ProtectedUntil, p.Rule, p.RuleVersion)
	if errors.Is(err, store.ErrStaleEpoch) {
		return temporal.NewNonRetryableApplicationError("the resource changed hands before the reschedule", ErrTypeStale, err)
	}
	return err
}

// RemindParams identifies a reminder of one epoch's coming expiry.
type RemindParams struct {
	ResourceID     int64
	Epoch          int
	ProtectedUntil time.Time
}

// Remind tells the owner that the protection ends soon (R14); once per
// epoch however often it is retried.
func (a *Activities) Remind(ctx context.Context, p RemindParams) error {
	return a.Store.Remind(ctx, p.ResourceID, p.Epoch, p.ProtectedUntil)
}

// SignParams identifies a signing (the deal closed).
type SignParams struct {
	ResourceID int64
	Epoch      int
	ActorID    int64
}

// Sign records that the resource was signed: it stops expiring.
func (a *Activities) Sign(ctx context.Context, p SignParams) error {
	err := a.Store.Sign(ctx, p.ResourceID, p.Epoch, p.ActorID)
	if errors.Is(err, store.ErrStaleEpoch) {
		return temporal.NewNonRetryableApplicationError("the resource changed hands before the signing", ErrTypeStale, err)
	}
	return err
}

// LapseParams identifies an application whose deadline passed.
type LapseParams struct {
	ApplicationID int64
}

// LapseApplication lets an approved application lapse at its deadline (R9):
// its keys are freed and the rep and sales support are told. An application
// already entered (or otherwise settled) is left as it is.
func (a *Activities) LapseApplication(ctx context.Context, p LapseParams) error {
	return a.Store.LapseApplication(ctx, p.ApplicationID)
}

// LapseUnreviewed lets a pending application lapse at its review deadline:
// its keys are freed and the rep and sales support are told. A decided
// application, or one that never committed, is left as it is.
func (a *Activities) LapseUnreviewed(ctx context.Context, p LapseParams) error {
	return a.Store.LapseUnreviewed(ctx, p.ApplicationID)
}

// SearchParams identifies an application filed while its search could not
// answer.
type SearchParams struct {
	ApplicationID int64
}

// SearchApplication runs the application's search again (R11); it fails,
// to be retried, while the search still cannot answer. Idempotent: an
// application already searched is left alone.
func (a *Activities) SearchApplication(ctx context.Context, p SearchParams) error {
	return a.Store.ResearchApplication(ctx, p.ApplicationID)
}
