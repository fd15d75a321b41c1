package sea

import (
	"context"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
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

// DecideSame decides a raised pair as one company (谁先录入，由谁跟进): the
// later resource goes to the earlier's owner, protected anew by
// protection.until, while the earlier is protected; else to the public
// sea, its protection ended. Of two deciding one pair, one wins.
func (s *Service) DecideSame(ctx context.Context, actor people.User, id int64) (likeness.Review, error) {
	if !SeesEverything(actor) {
		return likeness.Review{}, fault.New(fault.Forbidden, "only sales support and admins review possible duplicates")
	}
	var until rules.Decision[time.Time]
	var sent []contract.Command
	_, err := s.Store.DecideSame(ctx, store.SameCompany{PairID: id, ActorID: actor.ID,
		Protect: func(owner people.User, later resource.Resource) (time.Time, resource.Change, error) {
			res := ResourceEnv(later)
			res.Source = resource.PathDuplicate
			var err error
			until, err = s.Rules.ProtectionUntil(rules.ProtectionEnv{Now: s.now(), Rep: RepEnv(owner), Resource: res})
			return until.Value, resource.Change{Rule: until.Rule, RuleVersion: until.Version}, err
		},
		Within: func(r resource.Resource) ([]contract.Command, error) {
			if r.Sea != resource.SeaPrivate {
				sent = []contract.Command{contract.EndResource(r.ID)}
				return sent, nil
			}
			owner, err := s.Store.UserByID(ctx, r.Owner.ID)
			if err != nil {
				return nil, err
			}
			cmds, err := s.Protect(ctx, owner, r, until)
			sent = cmds
			return cmds, err
		},
	})
	s.deliver(ctx, err, sent)
	if err != nil {
		return likeness.Review{}, err
	}
	if sent != nil {
		metrics.Moves.WithLabelValues(resource.PathDuplicate).Inc()
	}
	return s.Store.Review(ctx, id)
}
