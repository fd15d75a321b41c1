package sea

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/store"
)

// capacity refuses a move into a private sea that holds capacity.limit
// resources already (R13). It runs inside the move's transaction, under the
// lock on the rep's row.
func (s *Service) capacity(rep store.User, held int) error {
	d, err := s.Rules.CapacityLimit(rules.CapacityEnv{Rep: repEnv(rep), Counts: rules.Counts{Private: held, PrivateUnsigned: held}})
	if err != nil {
		return err
	}
	if held < d.Value {
		return nil
	}
	e := fault.New(fault.Conflict, "your private sea holds %d resources and the limit is %d (rule %s version %s)",
		held, d.Value, d.Rule, d.Version)
	e.Extra = map[string]any{"rule": d.Rule, "rule_version": d.Version, "limit": d.Value, "held": held}
	return e
}

// recordRefusal logs a capacity refusal as a decision of its rule: no
// other table keeps it. A failure to log does not change the answer.
func (s *Service) recordRefusal(ctx context.Context, actor store.User, err error) {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Extra["rule"] == nil {
		return
	}
	rule, _ := fe.Extra["rule"].(string)
	version, _ := strconv.Atoi(fe.Extra["rule_version"].(string))
	value, _ := json.Marshal(map[string]any{"refused": true, "limit": fe.Extra["limit"], "held": fe.Extra["held"]})
	if err := s.Store.RecordDecision(context.WithoutCancel(ctx), store.Decision{Rule: rule, Version: version,
		Subject: "user/" + strconv.FormatInt(actor.ID, 10), ActorID: &actor.ID, Value: value}); err != nil {
		slog.Warn("recording a refusal failed", "rule", rule, "err", err)
	}
}

// repEnv is the rep as rules see them.
func repEnv(u store.User) rules.Rep {
	return rules.Rep{ID: int(u.ID), Role: u.Role, JoinedAt: u.CreatedAt}
}
