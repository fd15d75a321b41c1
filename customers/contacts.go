package customers

import (
	"context"
	"strings"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
)

// ContactEdit changes a contact; nil intake.Fields keep their value. A number field
// given replaces the contact's numbers of that type ("" removes them).
type ContactEdit struct {
	Name, Title, Email, TradeManagerID *string
	Mobile, Landline, Fax              *string
}

// AddContact adds a contact to a resource (R19). Its numbers are searched
// like the resource's own; a collision refuses it with the hits (R2) and is
// reported (R12). The owner, sales support and admins may.
func (s *Service) AddContact(ctx context.Context, actor people.User, resourceID int64, c intake.EntryContact) (int64, resource.Resource, error) {
	r, err := s.Store.GetResource(ctx, resourceID)
	if err != nil {
		return 0, r, err
	}
	if err := sea.MayEdit(actor, r); err != nil {
		return 0, r, err
	}
	var f intake.Fields
	nc := f.Contact("", c, r.Region)
	if err := f.Err("the contact is incomplete or malformed"); err != nil {
		return 0, r, err
	}
	in := store.ContactInput{Name: nc.Name, Title: nc.Title, Email: nc.Email, TradeManagerID: nc.TradeManagerID, Numbers: nc.Numbers}
	cid, err := s.changeContact(ctx, actor, store.ContactChange{ResourceID: resourceID, Input: &in})
	if err != nil {
		return 0, r, err
	}
	r, err = s.Store.GetResource(ctx, resourceID)
	return cid, r, err
}

// EditContact applies an edit to a current contact of the resource and
// returns the resource with it.
func (s *Service) EditContact(ctx context.Context, actor people.User, resourceID, contactID int64, e ContactEdit) (resource.Resource, error) {
	r, err := s.editContact(ctx, actor, resourceID, contactID, e)
	if err != nil {
		return r, err
	}
	return s.Store.GetResource(ctx, resourceID)
}

func (s *Service) editContact(ctx context.Context, actor people.User, resourceID, contactID int64, e ContactEdit) (resource.Resource, error) {
	r, err := s.Store.GetResource(ctx, resourceID)
	if err != nil {
		return r, err
	}
	if err := sea.MayEdit(actor, r); err != nil {
		return r, err
	}
	cur, ok := contactOf(r, contactID)
	if !ok {
		return r, notFoundContact(resourceID, contactID)
	}
	c := intake.EntryContact{Name: intake.Keep(e.Name, cur.Name), Title: intake.Keep(e.Title, cur.Title), Email: intake.Keep(e.Email, cur.Email),
		TradeManagerID: intake.Keep(e.TradeManagerID, cur.TradeManagerID)}
	kept := map[string]*string{"mobile": e.Mobile, "landline": e.Landline, "fax": e.Fax}
	var f intake.Fields
	nc := f.Contact("", c, r.Region) // the name and the other intake.Fields; numbers below
	var numbers []resource.Number
	for _, n := range r.Numbers {
		if n.ContactID != nil && *n.ContactID == contactID && kept[n.Type] == nil {
			numbers = append(numbers, n)
		}
	}
	for _, typ := range []string{"mobile", "landline", "fax"} {
		if v := kept[typ]; v != nil && strings.TrimSpace(*v) != "" {
			numbers = append(numbers, f.ParseField(typ, typ, *v, r.Region)...)
		}
	}
	if err := f.Err("the contact edit is malformed"); err != nil {
		return r, err
	}
	in := store.ContactInput{Name: nc.Name, Title: nc.Title, Email: nc.Email, TradeManagerID: nc.TradeManagerID, Numbers: numbers}
	// The edit was merged with the contact as read: refuse it if the
	// resource changed since, rather than write back a stale merge.
	_, err = s.changeContact(ctx, actor, store.ContactChange{ResourceID: resourceID, ContactID: contactID, Input: &in,
		May: sea.UnchangedSince(r)})
	return r, err
}

// RemoveContact removes a contact and its numbers; notes naming it keep it.
func (s *Service) RemoveContact(ctx context.Context, actor people.User, resourceID, contactID int64) error {
	_, err := s.changeContact(ctx, actor, store.ContactChange{ResourceID: resourceID, ContactID: contactID})
	return err
}

// changeContact runs the change under the ownership check on the locked
// resource and records a collision it meets.
func (s *Service) changeContact(ctx context.Context, actor people.User, c store.ContactChange) (int64, error) {
	c.ActorID = actor.ID
	also := c.May
	c.May = func(r resource.Resource) error {
		if also != nil {
			if err := also(r); err != nil {
				return err
			}
		}
		return sea.MayEdit(actor, r)
	}
	id, err := s.Store.ChangeContact(ctx, c)
	sea.RecordCollision(ctx, s.Store, actor, collision.OnContact, &c.ResourceID, err)
	if err == nil && c.Input != nil && s.Likeness != nil {
		// A contact added or renamed can make the resource look like
		// another company (疑似撞单): raise it as an edit would.
		s.Likeness.Raise(ctx, actor, sea.MetOnContact, c.ResourceID)
	}
	return id, err
}

func notFoundContact(resourceID, contactID int64) error {
	return fault.New(fault.NotFound, "resource %d has no contact %d", resourceID, contactID)
}

func contactOf(r resource.Resource, id int64) (resource.Contact, bool) {
	for _, c := range r.Contacts {
		if c.ID == id {
			return c, true
		}
	}
	return resource.Contact{}, false
}
