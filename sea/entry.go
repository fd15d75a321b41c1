package sea

import (
	"strings"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

func validateReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fault.Invalidf([]fault.FieldError{{Field: "reason", Reason: "required"}}, "a release needs a reason")
	}
	return nil
}

// mayRelease allows the owner only: a resource in someone else's sea is not
// the actor's to give away.
func mayRelease(actor people.User, r resource.Resource) error {
	if r.Sea != resource.SeaPrivate || r.Owner == nil {
		return fault.New(fault.Conflict, "resource %d is already in the public sea", r.ID)
	}
	if r.Owner.ID != actor.ID {
		return fault.New(fault.Forbidden, "resource %d belongs to another rep", r.ID)
	}
	return nil
}
