package customers

import (
	"context"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
)

// Customer360 is a resource whole (R20). Whole is false for a caller who
// sees only what a collision answer shows: then nothing but Resource is
// filled, and the caller masks it.
type Customer360 struct {
	Resource     resource.Resource
	Whole        bool
	Notes        []resource.Note
	History      []resource.HistoryEntry
	Applications []AppStory
	Collisions   []collision.Record
	Referrals    []collision.Referral
	Audit        []resource.AuditEntry // identity edits, contact changes, reschedules, signing
	Duplicates   []likeness.Review     // possible duplicates raised with another resource (疑似撞单)
}

// AppStory is an application of the resource with its steps.
type AppStory struct {
	application.Application
	Events []application.Event
}

// storyActions are the audited actions the 360 tells; the others repeat
// the ownership history or the referrals.
var storyActions = map[string]bool{"resource.identity": true, "resource.contact_add": true, "resource.contact_edit": true,
	"resource.contact_remove": true, "resource.reschedule": true, "resource.sign": true, "resource.confirm_kind": true,
	"resource.duplicate": true}

// Customer360 gathers a resource's 360 for actor. The owner, sales support
// and admins see it whole; anyone else gets the resource alone, to be shown
// as a collision answer shows it (id, name, sea, owner).
func (s *Service) Customer360(ctx context.Context, actor people.User, id int64) (Customer360, error) {
	r, err := s.Store.GetResource(ctx, id)
	if err != nil {
		return Customer360{}, err
	}
	v := Customer360{Resource: r, Whole: sea.SightOf(actor, r) == sea.SightWhole}
	if !v.Whole {
		return v, nil
	}
	if v.Notes, err = s.Store.Notes(ctx, id); err != nil {
		return v, err
	}
	if v.History, err = s.Store.History(ctx, id); err != nil {
		return v, err
	}
	apps, err := s.Store.ApplicationsOfResource(ctx, id)
	if err != nil {
		return v, err
	}
	for _, a := range apps {
		es, err := s.Store.ApplicationEvents(ctx, a.ID)
		if err != nil {
			return v, err
		}
		v.Applications = append(v.Applications, AppStory{Application: a, Events: es})
	}
	if v.Collisions, err = s.Store.CollisionsOf(ctx, id); err != nil {
		return v, err
	}
	if v.Referrals, err = s.Store.ReferralsOfResource(ctx, id); err != nil {
		return v, err
	}
	if v.Duplicates, err = s.Store.Reviews(ctx, store.ReviewFilter{ResourceID: id, Limit: 50}); err != nil {
		return v, err
	}
	audit, err := s.Store.AuditOfResource(ctx, id)
	if err != nil {
		return v, err
	}
	for _, e := range audit {
		if storyActions[e.Action] {
			v.Audit = append(v.Audit, e)
		}
	}
	return v, nil
}
