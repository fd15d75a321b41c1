package sea

import (
	"context"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
)

// Reviews lists the possible duplicates raised to sales support: the open
// ones strongest first (the review queue), or every pair of one resource.
// Sales support and admins see them.
func (s *Service) Reviews(ctx context.Context, actor people.User, f store.ReviewFilter) ([]likeness.Review, error) {
	if !SeesEverything(actor) {
		return nil, fault.New(fault.Forbidden, "only sales support and admins review possible duplicates")
	}
	return s.Store.Reviews(ctx, f)
}

// DecideDifferent closes a raised pair as two companies: it is never
// raised again. Of two deciding one pair at once, one wins; the other gets
// a Conflict.
func (s *Service) DecideDifferent(ctx context.Context, actor people.User, id int64) (likeness.Review, error) {
	if !SeesEverything(actor) {
		return likeness.Review{}, fault.New(fault.Forbidden, "only sales support and admins review possible duplicates")
	}
	if err := s.Store.DecideDifferent(ctx, id, actor.ID); err != nil {
		return likeness.Review{}, err
	}
	return s.Store.Review(ctx, id)
}
