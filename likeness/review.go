package likeness

import (
	"time"

	"github.com/tide-crm/tide/people"
)

// States of a reviewed pair.
const (
	StateOpen      = "open"      // waiting for sales support
	StateSame      = "same"      // one company: the later resource was handed on
	StateDifferent = "different" // two companies: closed for good, never raised again
)

// Review is a pair raised to sales support (疑似撞单): the earlier resource
// (first come) and the later, how alike they scored when raised, and what
// was decided.
type Review struct {
	ID             int64
	Earlier, Later Side
	Score          int
	Reasons        []Reason
	Rule           string // the rule version that scored it
	Action         string // where it was met: entry, identity_edit, contact
	RaisedBy       *people.UserRef
	RaisedAt       time.Time
	State          string
	DecidedBy      *people.UserRef
	DecidedAt      *time.Time
	Outcome        map[string]any // what "same" did
}

// Side is one resource of a pair, as a collision answer shows it.
type Side struct {
	ResourceID int64
	Name       string
	Sea        string
	Owner      *people.UserRef
}
