package contract

import "time"

// Names of the resource workflow's handlers.
const (
	UpdateRelease    = "release"
	UpdateReschedule = "reschedule"
	UpdateSign       = "sign"
	QueryState       = "state"
)

// ReleaseRequest is the release update's argument (R15).
type ReleaseRequest struct {
	ActorID int64
	Reason  string
}

// SignRequest is the sign update's argument: the owner closed the deal.
type SignRequest struct {
	ActorID int64
}

// RescheduleRequest moves the protection's deadline: a timing rule
// re-applied to open deadlines (R22). The time is absolute, decided by the
// rule in a service, never in the workflow.
type RescheduleRequest struct {
	ProtectedUntil    time.Time
	Rule, RuleVersion string
}

// Status of a protection.
const (
	StatusProtected = "protected"
	StatusSigned    = "signed" // no longer expires; ends only by a release
	StatusReleasing = "releasing"
	StatusReleased  = "released"
	StatusExpiring  = "expiring"
	StatusExpired   = "expired"
)

// ResourceState is what the state query answers and the workflow returns.
type ResourceState struct {
	ResourceInput
	Status   string
	Reminded bool
}
