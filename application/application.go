// Package application holds the applications by which a rep gets a
// resource that sales support reviews (R8–R11): a pick-in or an
// assistant's special application, its states, deadlines and steps. It is
// part of tide's domain: plain data, no I/O; it imports only package people
// of tide.
package application

import (
	"encoding/json"
	"time"

	"github.com/tide-crm/tide/people"
)

// Application states.
const (
	Pending  = "pending"
	Approved = "approved"
	Rejected = "rejected"
	Entered  = "entered"
	Assigned = "assigned" // approved by assigning a resource, its name right or corrected (R10)
	Lapsed   = "lapsed"
)

// Approval modes.
const (
	ModeSelfEntry = "self_entry" // the rep enters the resource (R9)
	ModeAssign    = "assign"     // sales support assigns a public resource (R10)
)

// Application is a filed application.
type Application struct {
	ID                      int64
	Type                    string
	Applicant, ForRep       people.UserRef
	ResourceID              *int64
	Kind, Name, Region, Key string
	Proposed                json.RawMessage
	Reason                  string
	State                   string
	Search                  json.RawMessage
	Unprotected             bool       // R11: filed while its search could not run; reserves nothing
	Mode                    *string    // self_entry or assign, once approved
	Deadline                *time.Time // the entry (R9) or the name correction (R10) is due before it
	DeadlineRule            *string
	DeadlineVersion         *string
	EnteredResourceID       *int64 // the resource it ended in: entered, or assigned
	AssignedEpoch           *int   // the ownership epoch an assignment began
	CreatedAt, UpdatedAt    time.Time
	// ReviewBy is when sales support must have decided a pending
	// application; nil for one filed before review deadlines existed.
	ReviewBy                  *time.Time
	ReviewRule, ReviewVersion *string
}

// Filter selects applications. Zero fields select everything.
type Filter struct {
	UserID   int64  // filed by or for this user (newest first); 0: sales support's tasks (oldest first)
	State    string // tasks default to pending
	Type     string
	ForRepID int64
	Region   string
	// Unprotected, when set, keeps only applications filed with (false) or
	// without (true) their search (R11).
	Unprotected *bool
}

// Event is one step of an application.
type Event struct {
	At     time.Time
	Actor  *people.UserRef
	Event  string
	Detail json.RawMessage
}

// Deadline is a time a rule decided, with the rule and version (R22).
type Deadline struct {
	At            time.Time
	Rule, Version string
}
