package sea

import (
	"context"
	"log/slog"

	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
)

// CollisionRecorder keeps the hits of refused changes.
type CollisionRecorder interface {
	RecordCollision(ctx context.Context, c store.MetCollision) error
}

// RecordCollision keeps the hits of a change a collision refused, for the
// 360 of the resources involved and, for edits, the R12 report, and counts
// them. A failure to record does not change the answer.
func RecordCollision(ctx context.Context, rec CollisionRecorder, actor people.User, action string, resourceID *int64, err error) {
	hits := store.HitsOf(err)
	if len(hits) == 0 {
		return
	}
	for _, h := range hits {
		metrics.Collisions.WithLabelValues(h.Key.Type, action).Inc()
	}
	if rerr := rec.RecordCollision(context.WithoutCancel(ctx), store.MetCollision{
		Action: action, ActorID: actor.ID, ResourceID: resourceID, Hits: hits}); rerr != nil {
		slog.Warn("recording a collision failed", "action", action, "err", rerr)
	}
}
