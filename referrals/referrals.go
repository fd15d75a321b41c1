// Package referrals hands a lead that collided with a resource to that
// resource's owner (R5): the requester keeps nothing private of the owner's,
// the owner hears of it and keeps what the requester knew.
package referrals

import (
	"context"
	"strings"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// Store keeps referrals; package store implements it.
type Store interface {
	CreateReferral(ctx context.Context, resourceID, fromID int64, note string, lead map[string]any) (collision.Referral, error)
	ReferralsTo(ctx context.Context, userID int64) ([]collision.Referral, error)
	ReferralsFrom(ctx context.Context, userID int64) ([]collision.Referral, error)
}

// Service refers leads.
type Service struct {
	Store Store
}

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

// Received lists the referrals made to the user, newest first.
func (s *Service) Received(ctx context.Context, userID int64) ([]collision.Referral, error) {
	return s.Store.ReferralsTo(ctx, userID)
}

// Sent lists the referrals the user made, newest first.
func (s *Service) Sent(ctx context.Context, userID int64) ([]collision.Referral, error) {
	return s.Store.ReferralsFrom(ctx, userID)
}
