package sea

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/store"
)

// Capacity refuses a move into a private sea that holds capacity.limit
// resources already (R13). It runs inside the move's transaction, under the
// lock on the rep's row.
func (s *Service) Capacity(rep people.User, held int) error {
	d, err := s.Rules.CapacityLimit(rules.CapacityEnv{Rep: RepEnv(rep), Counts: rules.Counts{Private: held, PrivateUnsigned: held}})
	if err != nil {
		return err
	}
	if held < d.Value {
		return nil
	}
	return refusal(d.Rule, d.Version, map[string]any{"limit": d.Value, "held": held},
		"your private sea holds %d resources and the limit is %d (rule %s version %s)", held, d.Value, d.Rule, d.Version)
}

// OpenLimit refuses a filing for a rep who has application.open_limit open
// applications already; the rule sees the rep's capacity.limit, so by
// default a rep with no room in the private sea can hold no company through
// applications either. It runs inside the filing's transaction, under the
// lock on the rep's row.
func (s *Service) OpenLimit(rep people.User, open, held int) error {
	counts := rules.Counts{Private: held, PrivateUnsigned: held}
	c, err := s.Rules.CapacityLimit(rules.CapacityEnv{Rep: RepEnv(rep), Counts: counts})
	if err != nil {
		return err
	}
	d, err := s.Rules.OpenLimit(rules.OpenLimitEnv{Rep: RepEnv(rep), Counts: counts, OpenApplications: open, Capacity: c.Value})
	if err != nil {
		return err
	}
	if open < d.Value {
		return nil
	}
	return refusal(d.Rule, d.Version, map[string]any{"limit": d.Value, "open": open, "held": held, "capacity": c.Value},
		"%s has %d open applications and may have %d (rule %s version %s): each holds its company until it is decided",
		rep.Name, open, d.Value, d.Rule, d.Version)
}

// pickAllowed refuses a pick the rule pick.allowed denies, with its reason.
func (s *Service) pickAllowed(rep people.User, f store.PickFacts) error {
	env := rules.PickEnv{Rep: RepEnv(rep), PicksToday: f.PicksToday, Now: s.now(), Resource: ResourceEnv(f.Resource)}
	env.Resource.ReleasedBy, env.Resource.TimesReleased = int(f.ReleasedBy), f.TimesReleased
	if f.ReleasedAt != nil {
		env.Resource.ReleasedAt = *f.ReleasedAt
	}
	d, err := s.Rules.PickAllowed(env)
	if err != nil {
		return err
	}
	if d.Value.OK {
		return nil
	}
	return refusal(d.Rule, d.Version, map[string]any{"reason": d.Value.Reason, "resource": f.Resource.ID},
		"the pick is refused: %s (rule %s version %s)", d.Value.Reason, d.Rule, d.Version)
}

// refusal is a rule's no: a Conflict naming the rule and version (R22),
// carrying what recordRefusal logs.
func refusal(rule, version string, decision map[string]any, format string, args ...any) error {
	e := fault.New(fault.Conflict, format, args...)
	e.Extra = map[string]any{"rule": rule, "rule_version": version, "decision": decision}
	return e
}

// RecordRefusal logs a rule's refusal (capacity, pick) as a decision of the
// rule: no other table keeps it. A failure to log does not change the answer.
func (s *Service) RecordRefusal(ctx context.Context, actor people.User, err error) {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind != fault.Conflict || fe.Extra["rule"] == nil {
		return
	}
	rule, _ := fe.Extra["rule"].(string)
	version, _ := strconv.Atoi(fe.Extra["rule_version"].(string))
	decision, _ := fe.Extra["decision"].(map[string]any)
	value, _ := json.Marshal(map[string]any{"refused": true, "decision": decision})
	if err := s.Store.RecordDecision(context.WithoutCancel(ctx), rules.Record{Rule: rule, Version: version,
		Subject: "user/" + strconv.FormatInt(actor.ID, 10), ActorID: &actor.ID, Value: value}); err != nil {
		slog.Warn("recording a refusal failed", "rule", rule, "err", err)
	}
}

// RepEnv is the rep as rules see them.
func RepEnv(u people.User) rules.Rep {
	return rules.Rep{ID: int(u.ID), Role: u.Role, JoinedAt: u.CreatedAt}
}
