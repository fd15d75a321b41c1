package sea

import (
	"context"

	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
)

// Room is a rep's private sea against capacity.limit (R13): how many
// resources it holds, the limit the rule in force gives this rep, and that
// rule's version.
type Room struct {
	Held, Limit   int
	Rule, Version string
}

// Room reads the rep's holdings and asks capacity.limit for the rep's limit,
// as the next move into the sea would.
func (s *Service) Room(ctx context.Context, rep people.User) (Room, error) {
	counts, _, err := s.Store.HeldCounts(ctx)
	if err != nil {
		return Room{}, err
	}
	held := counts[rep.ID]
	d, err := s.Rules.CapacityLimit(rules.CapacityEnv{Rep: RepEnv(rep), Counts: rules.Counts{Private: held, PrivateUnsigned: held}})
	if err != nil {
		return Room{}, err
	}
	return Room{Held: held, Limit: d.Value, Rule: d.Rule, Version: d.Version}, nil
}
