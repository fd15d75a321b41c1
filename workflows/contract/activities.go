package contract

import (
	"context"
	"time"
)

// Activity type names: the methods of Activities, as the worker registers
// them.
const (
	ActivityRelease           = "Release"
	ActivityExpire            = "Expire"
	ActivityReschedule        = "Reschedule"
	ActivityRemind            = "Remind"
	ActivitySign              = "Sign"
	ActivityLapseApplication  = "LapseApplication"
	ActivityLapseUnreviewed   = "LapseUnreviewed"
	ActivitySearchApplication = "SearchApplication"
)

// Activities are the side effects the workflows ask for; package
// activities implements them, idempotently and guarded by the ownership
// epoch they name.
type Activities interface {
	Release(ctx context.Context, p ReleaseParams) error
	Expire(ctx context.Context, p ExpireParams) error
	Reschedule(ctx context.Context, p RescheduleParams) error
	Remind(ctx context.Context, p RemindParams) error
	Sign(ctx context.Context, p SignParams) error
	LapseApplication(ctx context.Context, p LapseParams) error
	LapseUnreviewed(ctx context.Context, p LapseParams) error
	SearchApplication(ctx context.Context, p SearchParams) error
	ImportBatch(ctx context.Context, p ImportBatchParams) (ImportProgress, error)
}

// Error types the workflows must not retry.
const (
	ErrTypeStale     = "StaleEpoch"
	ErrTypeForbidden = "Forbidden"
)

// NonRetryable lists the error types no retry can fix.
var NonRetryable = []string{ErrTypeStale, ErrTypeForbidden}

// ReleaseParams returns a resource to the public sea on its owner's request.
type ReleaseParams struct {
	ResourceID int64
	Epoch      int
	ActorID    int64
	Reason     string
}

// ExpireParams identifies an expiry and the rule version that set its time.
type ExpireParams struct {
	ResourceID        int64
	Epoch             int
	Rule, RuleVersion string
}

// RescheduleParams moves one epoch's protection deadline.
type RescheduleParams struct {
	ResourceID        int64
	Epoch             int
	ProtectedUntil    time.Time
	Rule, RuleVersion string
}

// RemindParams reminds an owner of a protection about to end.
type RemindParams struct {
	ResourceID     int64
	Epoch          int
	ProtectedUntil time.Time
}

// SignParams records that the owner closed the deal.
type SignParams struct {
	ResourceID int64
	Epoch      int
	ActorID    int64
}

// LapseParams identifies an application whose deadline passed.
type LapseParams struct {
	ApplicationID int64
}

// SearchParams identifies an application filed while its search could not
// answer.
type SearchParams struct {
	ApplicationID int64
}
