// Package resource holds tide's central record: a resource — a prospective
// customer — with its numbers, contacts, contact notes (R19), its place in
// the seas, and the history of who held it (R14, R15). It is part of tide's
// domain: plain data, no I/O; it imports only package people of tide.
package resource

import (
	"time"

	"github.com/tide-crm/tide/people"
)

// Seas a resource lives in; a closed record (the given-up half of a dual
// record, R7) lives in neither.
const (
	SeaPublic  = "public"
	SeaPrivate = "private"
	SeaClosed  = "closed"
)

// Ownership-change paths recorded in the history.
const (
	PathEntry     = "entry"
	PathPick      = "pick"
	PathRelease   = "release"
	PathExpiry    = "expiry"
	PathConfirm   = "confirm_kind"
	PathApplied   = "application" // an entry completing an approved application
	PathAssign    = "assignment"  // sales support assigned a public resource (R8, R10)
	PathImport    = "import"      // a row of a bulk import (either sea)
	PathDuplicate = "duplicate"   // sales support decided it is one company with an earlier resource (疑似撞单)
)

// Number is one phone, fax or mobile number as typed and in normal form.
type Number struct {
	Type       string // the field it was typed in: mobile, landline or fax
	Raw        string
	Normalized string // the collision key (E.164), without the extension
	Extension  string
	Line       string // what the digits are: mobile, landline, toll_free or other
	ContactID  *int64 // nil: the resource's own number
}

// NameParts is a company name split by the company-key rules (R3).
type NameParts struct {
	Region, TradeName, Industry, OrgForm string
}

// Contact is a person at the customer.
type Contact struct {
	ID             int64
	Name           string
	Title          string
	Email          string
	TradeManagerID string // 贸易通 ID
}

// Resource is a prospective customer in the public or a private sea.
type Resource struct {
	ID             int64
	Kind           string
	Name           string
	Region         string
	CompanyKey     string
	Parts          NameParts
	Sea            string
	Owner          *people.UserRef
	ProtectedUntil *time.Time
	SignedAt       *time.Time // nil: not signed; a signed resource does not expire
	TwinOf         *int64     // an individual twin: the enterprise record holding the keys (R7)
	TwinID         *int64     // an enterprise record with a twin: the twin
	// KindPending: one of a dual record whose two are both still in the
	// private sea — the rep has yet to confirm the kind (R7).
	KindPending bool
	CorrectBy   *time.Time // an open name correction (R10): the name must be corrected before it
	// ProtectionRule and ProtectionVersion name the rule version that set
	// ProtectedUntil (R22).
	ProtectionRule, ProtectionVersion string
	LastContactAt                     *time.Time // the latest contact note's time (R19)
	Epoch                             int
	CreatedBy                         int64
	CreatedAt                         time.Time
	UpdatedAt                         time.Time
	Numbers                           []Number  // filled by GetResource only
	Contacts                          []Contact // filled by GetResource only
}

// Change describes one ownership change for the history: who made it (nil:
// the system), along which path, why, and which rule version decided it.
type Change struct {
	ActorID     *int64
	Path        string
	Reason      string
	Rule        string
	RuleVersion string
}

// HistoryEntry is one ownership change (R20).
type HistoryEntry struct {
	Epoch       int
	At          time.Time
	Actor       *people.UserRef // nil: the system
	From, To    *people.UserRef
	Path        string
	Reason      string
	Rule        string
	RuleVersion string
}

// Protected is a resource in a private sea with what its protection rule
// needs to be re-applied.
type Protected struct {
	Resource
	Since time.Time // when its current ownership epoch began
}

// Identity is a resource's identity info (AV信息): what an identity edit
// replaces. Numbers are the resource's own; its contacts' numbers stay.
type Identity struct {
	Kind, Name, Region, CompanyKey string
	Parts                          NameParts
	Numbers                        []Number
}
