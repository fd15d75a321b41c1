package sea

import (
	"context"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// EnterImported enters one row of a bulk import with the guarantees of a
// single entry (R1, R2, R6, R17): into the actor's private sea, capacity
// and protection applying (R13), or, when public, into the public sea with
// no owner. The row's result is written in the entry's transaction, so an
// entry for a row done already answers store.ErrRowDone and enters
// nothing. note, when set, becomes the first contact note.
func (s *Service) EnterImported(ctx context.Context, actor people.User, e intake.Entry, note string, public bool, row store.ImportRowRef) (resource.Resource, error) {
	nr, err := e.Normalize()
	if err != nil {
		return resource.Resource{}, err
	}
	nr.Note, nr.Row, nr.CreatedBy = note, &row, actor.ID
	if !public {
		return s.enterPrivate(ctx, actor, nr, resource.PathImport)
	}
	nr.Public = true
	nr.Change = resource.Change{ActorID: &actor.ID, Path: resource.PathImport}
	r, err := s.Store.EnterResource(ctx, nr, nil)
	RecordCollision(ctx, s.Store, actor, collision.OnEntry, nil, err)
	if err == nil {
		metrics.Moves.WithLabelValues(resource.PathImport).Inc()
	}
	return r, err
}
