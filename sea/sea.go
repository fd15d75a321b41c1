// Package sea moves resources between the public sea and the reps' private
// seas: self-entry, pick and release. Each move is one store transaction that
// checks collision keys and state together and, before it commits, starts or
// updates the resource's workflow, so a move either happens whole (row,
// keys, history and a running protection) or not at all.
package sea

import (
	"context"
	"time"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// Protector runs the protection workflow of resources. It is owned here, the
// package that needs it; TemporalProtector implements it with a Temporal client.
type Protector interface {
	// Release asks the running protection to return the resource to the
	// public sea and waits until it has.
	Release(ctx context.Context, resourceID int64, req contract.ReleaseRequest) error
	// Reschedule moves the running protection's deadline and waits until
	// the protection has recorded it and re-armed its timer.
	Reschedule(ctx context.Context, resourceID int64, req contract.RescheduleRequest) error
	// Sign tells the running protection the deal closed: it stops expiring.
	Sign(ctx context.Context, resourceID int64, req contract.SignRequest) error
}

// Deliverer sends a committed move's workflow commands (the outbox) behind
// the answer, which does not wait for Temporal; commands Temporal cannot
// take now wait for it.
type Deliverer interface {
	Deliver(ctx context.Context, workflowIDs ...string)
}

// Decider answers the rule points the moves need (R22). Package ruleset
// implements it with the admins' active versions.
type Decider interface {
	CapacityLimit(env rules.CapacityEnv) (rules.Decision[int], error)
	ProtectionUntil(env rules.ProtectionEnv) (rules.Decision[time.Time], error)
	PickAllowed(env rules.PickEnv) (rules.Decision[rules.Allowed], error)
	ReminderBefore(env rules.ReminderEnv) (rules.Decision[time.Duration], error)
	OpenLimit(env rules.OpenLimitEnv) (rules.Decision[int], error)
	LikenessScore(env rules.LikenessEnv) (rules.Decision[int], error)
	LikenessThreshold(env rules.LikenessThresholdEnv) (rules.Decision[int], error)
}

// Service performs the moves.
type Service struct {
	Store     Store
	Protector Protector
	Rules     Decider
	Outbox    Deliverer        // nil: the commands wait for the dispatcher's next poll
	Now       func() time.Time // the clock; time.Now when nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Enter creates a resource in the actor's private sea (self-entry, R1, R6,
// R17) and returns it whole. A collision answers a Collision fault with the
// hits; invalid input an Invalid fault naming every offending field.
func (s *Service) Enter(ctx context.Context, actor people.User, e intake.Entry) (resource.Resource, error) {
	nr, err := e.Normalize()
	if err != nil {
		return resource.Resource{}, err
	}
	nr.ApplicationID = e.ApplicationID
	path := resource.PathEntry
	if e.ApplicationID != 0 {
		path = resource.PathApplied
	}
	return s.enterPrivate(ctx, actor, nr, path)
}

// enterPrivate enters nr into the actor's private sea by path, with the
// protection the rule decides and capacity checked under the rep's lock.
// The rule sees every such path as an entry: an import or an application's
// completion is an entry the rep made.
func (s *Service) enterPrivate(ctx context.Context, actor people.User, nr store.NewResource, path string) (resource.Resource, error) {
	nr.OwnerID = actor.ID
	until, err := s.Rules.ProtectionUntil(rules.ProtectionEnv{Now: s.now(), Rep: RepEnv(actor),
		Resource: rules.Resource{Kind: nr.Kind, Region: nr.Region, Industry: nr.Parts.Industry, Source: resource.PathEntry}})
	if err != nil {
		return resource.Resource{}, err
	}
	nr.ProtectedUntil = until.Value
	nr.Change = resource.Change{ActorID: &actor.ID, Path: path, Rule: until.Rule, RuleVersion: until.Version}
	nr.Capacity = s.Capacity
	nr.Likeness = s.entryCheck()
	var sent []contract.Command
	r, err := s.Store.EnterResource(ctx, nr, func(r resource.Resource) ([]contract.Command, error) {
		cmds, err := s.Protect(ctx, actor, r, until)
		sent = append(sent, cmds...)
		return cmds, err
	})
	s.deliver(ctx, err, sent)
	s.RecordRefusal(ctx, actor, err)
	RecordCollision(ctx, s.Store, actor, collision.OnEntry, nil, err)
	if err == nil {
		metrics.Moves.WithLabelValues(path).Inc()
	}
	return r, err // whole: the store reads it back in the entry's transaction
}

// Pick moves a public resource into the actor's private sea; of concurrent
// pickers exactly one succeeds (R6). It needs no new collision search (R1):
// the resource already holds its keys in the unique index, so nothing else
// can hold them.
func (s *Service) Pick(ctx context.Context, actor people.User, id int64) (resource.Resource, error) {
	var until rules.Decision[time.Time]
	var sent []contract.Command
	r, err := s.Store.Pick(ctx, store.PickRequest{ID: id, RepID: actor.ID, Capacity: s.Capacity, Allowed: s.pickAllowed,
		Protect: func(rep people.User, cur resource.Resource) (time.Time, resource.Change, error) {
			res := ResourceEnv(cur)
			res.Source = resource.PathPick
			var err error
			until, err = s.Rules.ProtectionUntil(rules.ProtectionEnv{Now: s.now(), Rep: RepEnv(rep), Resource: res})
			return until.Value, resource.Change{ActorID: &actor.ID, Path: resource.PathPick, Rule: until.Rule, RuleVersion: until.Version}, err
		},
	}, func(r resource.Resource) ([]contract.Command, error) {
		cmds, err := s.Protect(ctx, actor, r, until)
		sent = cmds
		return cmds, err
	})
	s.deliver(ctx, err, sent)
	s.RecordRefusal(ctx, actor, err)
	if err == nil {
		metrics.Moves.WithLabelValues(resource.PathPick).Inc()
	}
	return r, err // whole: the store reads it back in the pick's transaction
}

// Release returns the actor's resource to the public sea with a reason (R15),
// through its workflow, which then ends.
func (s *Service) Release(ctx context.Context, actor people.User, id int64, reason string) (resource.Resource, error) {
	if err := validateReason(reason); err != nil {
		return resource.Resource{}, err
	}
	r, err := s.Store.GetResource(ctx, id)
	if err != nil {
		return resource.Resource{}, err
	}
	if err := mayRelease(actor, r); err != nil {
		return resource.Resource{}, err
	}
	if err := s.Protector.Release(ctx, id, contract.ReleaseRequest{ActorID: actor.ID, Reason: reason}); err != nil {
		return resource.Resource{}, err
	}
	return s.Store.GetResource(ctx, id)
}

// Protect is the start of r's new epoch's protection, with the reminder
// time the rule expiry.reminder_before decides now, for the move to record
// in its outbox.
func (s *Service) Protect(ctx context.Context, owner people.User, r resource.Resource, until rules.Decision[time.Time]) ([]contract.Command, error) {
	remind, err := s.Rules.ReminderBefore(rules.ReminderEnv{Rep: RepEnv(owner),
		Resource: ResourceEnv(r)})
	if err != nil {
		return nil, err
	}
	c := contract.StartResource(contract.ResourceInput{
		ResourceID: r.ID, Epoch: r.Epoch, OwnerID: r.Owner.ID, ProtectedUntil: until.Value,
		Rule: until.Rule, RuleVersion: until.Version, RemindBefore: remind.Value,
	})
	c.Memo = Memo(ctx)
	return []contract.Command{c}, nil
}

// deliver sends the workflow commands of a move that committed.
func (s *Service) deliver(ctx context.Context, err error, cmds []contract.Command) {
	Deliver(ctx, s.Outbox, err, cmds)
}

// Deliver hands the workflow commands of a move that committed (err nil)
// to d, when there is one.
func Deliver(ctx context.Context, d Deliverer, err error, cmds []contract.Command) {
	if err != nil || d == nil || len(cmds) == 0 {
		return
	}
	ids := make([]string, 0, len(cmds))
	for _, c := range cmds {
		ids = append(ids, c.WorkflowID)
	}
	d.Deliver(ctx, ids...)
}

// Sign records that the owner closed the deal (R14): the resource stays in
// the private sea and no longer expires.
func (s *Service) Sign(ctx context.Context, actor people.User, id int64) (resource.Resource, error) {
	r, err := s.Store.GetResource(ctx, id)
	if err != nil {
		return resource.Resource{}, err
	}
	if err := mayRelease(actor, r); err != nil {
		return resource.Resource{}, err
	}
	if r.SignedAt != nil {
		return r, nil
	}
	if err := s.Protector.Sign(ctx, id, contract.SignRequest{ActorID: actor.ID}); err != nil {
		return resource.Resource{}, err
	}
	return s.Store.GetResource(ctx, id)
}
