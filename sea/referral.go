package sea

import (
	"context"
	"strings"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// Lead is what the requester knows of the customer they hand over.
type Lead struct {
	Company, Contact, Mobile, Landline, Fax, Email string
}

// Refer hands a lead that collided with resource id to its owner (R5). The
// lead's numbers are kept as typed; the owner sees them, nobody else.
func (s *Service) Refer(ctx context.Context, actor people.User, id int64, note string, lead Lead) (collision.Referral, error) {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 2000 {
		return collision.Referral{}, fault.Invalidf([]fault.FieldError{{Field: "note", Reason: "at most 2000 characters"}}, "the note is too long")
	}
	l := map[string]any{}
	for k, v := range map[string]string{"company": lead.Company, "contact": lead.Contact, "mobile": lead.Mobile,
		"landline": lead.Landline, "fax": lead.Fax, "email": lead.Email} {
		if v = strings.TrimSpace(v); v != "" {
			l[k] = v
		}
	}
	if len(l) == 0 && note == "" {
		return collision.Referral{}, fault.Invalidf([]fault.FieldError{{Field: "lead", Reason: "give the lead's details or a note"}},
			"a referral needs something to hand over")
	}
	return s.Store.CreateReferral(ctx, id, actor.ID, note, l)
}
