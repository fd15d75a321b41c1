package sea

import (
	"context"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// IdentityEdit changes a resource's identity info (AV信息); nil intake.Fields keep
// their current value. Numbers, when given, replace the resource's own
// numbers (its contacts keep theirs).
type IdentityEdit struct {
	Kind, Name, Region *string
	Numbers            *[]intake.EntryNumber
}

// EditIdentity applies an identity edit and re-runs the collision search in
// the same transaction (R12): an edit that would collide is refused with the
// hits, recorded and reported to both owners and sales support (R12). The
// owner may edit; so may sales support and admins.
func (s *Service) EditIdentity(ctx context.Context, actor people.User, id int64, e IdentityEdit) (resource.Resource, error) {
	cur, err := s.Store.GetResource(ctx, id)
	if err != nil {
		return resource.Resource{}, err
	}
	if err := MayEdit(actor, cur); err != nil {
		return resource.Resource{}, err
	}
	kind, name, region := intake.Keep(e.Kind, cur.Kind), intake.Keep(e.Name, cur.Name), intake.Keep(e.Region, cur.Region)
	var f intake.Fields
	in, _ := f.Identity(kind, name, region)
	if e.Numbers != nil {
		in.Numbers = f.Numbers(*e.Numbers, in.Region)
	} else {
		for _, n := range cur.Numbers {
			if n.ContactID == nil {
				in.Numbers = append(in.Numbers, n)
			}
		}
	}
	if len(in.Numbers) == 0 && !hasContactNumber(cur) && len(f) == 0 {
		f.Bad("numbers", "the resource would keep no number at all (R17)")
	}
	if err := f.Err("the identity edit is malformed"); err != nil {
		return resource.Resource{}, err
	}
	r, err := s.Store.UpdateIdentity(ctx, id, actor.ID, in, func(locked resource.Resource) error {
		if err := UnchangedSince(cur)(locked); err != nil {
			return err
		}
		return MayEdit(actor, locked)
	})
	RecordCollision(ctx, s.Store, actor, collision.OnEdit, &id, err)
	if err != nil {
		return r, err
	}
	s.Raise(ctx, actor, MetOnEdit, id)
	return s.Store.GetResource(ctx, id)
}

// MayEdit lets the owner, sales support and admins edit identity info.
func MayEdit(actor people.User, r resource.Resource) error {
	if actor.Role == people.RoleSupport || actor.Role == people.RoleAdmin {
		return nil
	}
	if r.Owner == nil || r.Owner.ID != actor.ID {
		return fault.New(fault.Forbidden, "only the owner, sales support or an admin may edit resource %d", r.ID)
	}
	return nil
}

func hasContactNumber(r resource.Resource) bool {
	for _, n := range r.Numbers {
		if n.ContactID != nil {
			return true
		}
	}
	return false
}

// UnchangedSince refuses a change to a resource that changed after r was read.
func UnchangedSince(r resource.Resource) func(resource.Resource) error {
	return func(locked resource.Resource) error {
		if !locked.UpdatedAt.Equal(r.UpdatedAt) {
			return fault.New(fault.Conflict, "resource %d changed while you edited it; reload and try again", r.ID)
		}
		return nil
	}
}
