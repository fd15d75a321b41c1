// Package collision holds the collision search's words (R1–R5, R12): the
// keys every resource and open application claims, the hits a search finds,
// the collisions recorded, and the referrals that hand a collided lead to
// its owner. It is part of tide's domain: plain data, no I/O; it imports
// only package people of tide.
package collision

import (
	"time"

	"github.com/tide-crm/tide/people"
)

// Key types of the collision index.
const (
	KeyCompany = "company"
	KeyNumber  = "number"
)

// Key is one collision key: a company key or a normalised number (R2).
type Key struct {
	Type  string
	Value string
}

// Hit is a stored resource, or an open application, that holds one of the
// searched keys. For an application, ResourceID is 0, Sea is empty and
// Owner is the rep it was filed for.
type Hit struct {
	ResourceID    int64
	ApplicationID int64
	Name          string
	Key           Key
	Sea           string
	Owner         *people.UserRef
}

// Actions whose collisions are recorded.
const (
	OnEntry       = "entry"
	OnApplication = "application"
	OnEdit        = "identity_edit"
	OnContact     = "contact"
)

// Record is one recorded hit, as the 360 shows it.
type Record struct {
	At            time.Time
	Actor         *people.UserRef
	Action        string
	ResourceID    *int64 // the resource edited
	HitResourceID *int64
	HitAppID      *int64
	Key           Key
}

// Referral hands a lead to the owner of the resource it collided with (R5).
type Referral struct {
	ID         int64
	ResourceID int64
	Resource   string // the resource's name
	From, To   people.UserRef
	Note       string
	Lead       map[string]any
	CreatedAt  time.Time
	ReadAt     *time.Time
}
