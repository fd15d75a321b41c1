package sea

import (
	"context"
	"time"

	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
)

// PickPreview is what picking resource id would give actor now: the
// resource and the protection the rule in force would decide, with its
// version. It decides the same way Pick does, but moves nothing and writes
// no decision; the pick itself decides again, on the row it locks.
func (s *Service) PickPreview(ctx context.Context, actor people.User, id int64) (resource.Resource, rules.Decision[time.Time], error) {
	r, err := s.Store.GetResource(ctx, id)
	if err != nil {
		return resource.Resource{}, rules.Decision[time.Time]{}, err
	}
	env := ResourceEnv(r)
	env.Source = resource.PathPick
	until, err := s.Rules.ProtectionUntil(rules.ProtectionEnv{Now: s.now(), Rep: RepEnv(actor), Resource: env})
	return r, until, err
}
