package rules

import (
	"encoding/json"
	"time"

	"github.com/tide-crm/tide/people"
)

// Rule version states.
const (
	Draft   = "draft"
	Active  = "active"
	Retired = "retired"
)

// Version is one immutable version of a rule (R22).
type Version struct {
	Rule        string
	Version     int
	Expression  string
	State       string
	Author      *people.UserRef // nil: shipped with tide
	Comment     string
	Fixtures    json.RawMessage
	CreatedAt   time.Time
	ActivatedAt *time.Time
	RetiredAt   *time.Time
}

// Record is one decision a rule made, for the decisions log.
type Record struct {
	At      time.Time
	Rule    string
	Version int
	Subject string
	ActorID *int64
	Value   json.RawMessage
}
