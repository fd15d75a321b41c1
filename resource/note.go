package resource

import (
	"encoding/json"
	"time"

	"github.com/tide-crm/tide/people"
)

// AuditEntry is one audited action.
type AuditEntry struct {
	At     time.Time
	Actor  *people.UserRef // nil: the system
	Action string
	Detail json.RawMessage
}

// NoteInput is a contact note's content (联系小计, R19).
type NoteInput struct {
	At        time.Time // when the contact happened
	Channel   string    // phone, visit, im, email, other
	ContactID *int64    // the contact spoken to, a current contact of the resource
	Summary   string
	NextStep  string
	NextAt    *time.Time
}

// Note is a contact note with its earlier texts.
type Note struct {
	ID, ResourceID int64
	Author         people.UserRef
	NoteInput
	ContactName string
	Revision    int
	CreatedAt   time.Time
	RevisedAt   *time.Time
	Earlier     []NoteRevision // oldest first
}

// NoteRevision is a note's text before an edit.
type NoteRevision struct {
	Revision int
	NoteInput
	ReplacedAt time.Time
	ReplacedBy people.UserRef
}
