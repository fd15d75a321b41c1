package sea

import (
	"context"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// Resource reads one resource whole; how much of it actor may see is
// SightOf(actor, r), which every view applies.
func (s *Service) Resource(ctx context.Context, id int64) (resource.Resource, error) {
	return s.Store.GetResource(ctx, id)
}

// List returns one page of the resources f selects for actor: only sales
// support and admins list every sea (f.Sea ""), and in the public sea a rep
// finds numbers whole, never by some of their digits — the list shows only
// their last four, and a digit search would reveal the rest one guess at a
// time.
func (s *Service) List(ctx context.Context, actor people.User, f resource.ListFilter) ([]resource.Resource, error) {
	if f.Sea == "" && !SeesEverything(actor) {
		return nil, fault.New(fault.Forbidden, "only sales support and admins list every sea")
	}
	if f.Sea == resource.SeaPublic && !SeesEverything(actor) {
		f.Find.Digits = ""
	}
	return s.Store.ListResources(ctx, f)
}

// History returns a resource's ownership history to whoever sees more of
// it than a collision answer shows: its owner, sales support and admins, and
// anyone for a resource in the public sea.
func (s *Service) History(ctx context.Context, actor people.User, id int64) ([]resource.HistoryEntry, error) {
	r, err := s.Store.GetResource(ctx, id)
	if err != nil {
		return nil, err
	}
	if SightOf(actor, r) == SightCollision {
		return nil, fault.New(fault.Forbidden, "resource %d belongs to another rep: its history is theirs", id)
	}
	return s.Store.History(ctx, id)
}

// HitsOf returns the hits a collision refusal carries (R5).
func HitsOf(err error) []collision.Hit { return store.HitsOf(err) }
