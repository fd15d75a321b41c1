package sea

import (
	"context"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/workflows/contract"
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
	var sent []contract.Command
	kept, _, err := s.Store.ConfirmKind(ctx, id, kind, actor.ID, func(r resource.Resource) error { return mayRelease(actor, r) },
		func(closed resource.Resource) ([]contract.Command, error) {
			sent = []contract.Command{contract.EndResource(closed.ID)}
			return sent, nil
		})
	s.deliver(ctx, err, sent)
	return kept, err // whole: the store reads it back in the transaction
}
