package sea

import (
	"unicode"

	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// Sight is how much of a resource a user may see. It is decided here, once,
// from who is asking and what they ask about; every transport renders what
// it is told. Anything not granted explicitly is the narrowest sight, so a
// new state of a resource (closed, signed, whatever comes next) shows no
// more than a collision answer until someone decides otherwise.
type Sight int

const (
	// SightCollision shows what a collision answer shows (R5): the id, the
	// name, the sea and the owner. Nothing private: no numbers, no
	// contacts, no notes, no history.
	SightCollision Sight = iota
	// SightPublic shows a public resource before it is picked: its numbers'
	// last four digits and its contacts' names, enough to choose it;
	// whoever picks it takes responsibility for the rest.
	SightPublic
	// SightWhole shows everything.
	SightWhole
)

// SightOf decides how much of r viewer may see: sales support, admins and
// the resource's owner see it whole; anyone may look into the public sea;
// everything else — another rep's private resource, a closed record (it has
// no owner, and its twin's numbers are the kept record's), a signed one — is
// seen as a collision answer shows it.
func SightOf(viewer people.User, r resource.Resource) Sight {
	switch {
	case SeesEverything(viewer), r.Owner != nil && r.Owner.ID == viewer.ID:
		return SightWhole
	case r.Sea == resource.SeaPublic:
		return SightPublic
	}
	return SightCollision
}

// SeesEverything reports whether u sees every resource whole, in every
// sea: sales support and admins do.
func SeesEverything(u people.User) bool {
	return u.Role == people.RoleSupport || u.Role == people.RoleAdmin
}

// MaskDigits replaces every digit of a number but the last four with *:
// how a public resource's numbers are shown before it is picked.
func MaskDigits(s string) string {
	rs := []rune(s)
	keep := 4
	for i := len(rs) - 1; i >= 0; i-- {
		if !unicode.IsDigit(rs[i]) {
			continue
		}
		if keep > 0 {
			keep--
			continue
		}
		rs[i] = '*'
	}
	return string(rs)
}
