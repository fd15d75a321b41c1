package sea

import (
	"context"
	"log/slog"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// ConfirmKind settles a dual record (R7): the record of the confirmed kind
// stays protected as it was; the other is closed — it leaves both seas, its
// protection ends, its history says why — and, when the individual record
// stays, the collision keys move to it.
func (s *Service) ConfirmKind(ctx context.Context, actor people.User, id int64, kind string) (resource.Resource, error) {
	if kind != intake.KindEnterprise && kind != intake.KindIndividual {
		return resource.Resource{}, fault.Invalidf([]fault.FieldError{{Field: "kind", Reason: `must be "enterprise" or "individual"`}},
			"which kind does the customer buy as?")
	}
	kept, closed, err := s.Store.ConfirmKind(ctx, id, kind, actor.ID, func(r resource.Resource) error { return mayRelease(actor, r) })
	if err != nil {
		return resource.Resource{}, err
	}
	if err := s.Protector.End(ctx, closed.ID, "kind confirmed: record closed"); err != nil {
		// The record is closed in the database; its run can no longer act.
		slog.Warn("ending a closed record's protection failed", "resource", closed.ID, "err", err)
	}
	return s.Store.GetResource(ctx, kept.ID)
}
