package sea

import (
	"context"
	"errors"
	"log/slog"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/workflows/contract"
)

// ReapplyProtection re-applies the active protection.until to every open
// protection (R22): each resource's deadline is decided again as if by the
// new version at the moment its ownership began, and its workflow is told
// to record it and re-arm its timer. A resource whose deadline does not
// change is left alone.
func (s *Service) ReapplyProtection(ctx context.Context) (rules.Reapplied, error) {
	open, err := s.Store.ProtectedResources(ctx)
	if err != nil {
		return rules.Reapplied{}, err
	}
	out := rules.Reapplied{Open: len(open), Failures: []rules.ReapplyFailure{}}
	for _, p := range open {
		env, err := s.protectionEnv(ctx, p)
		if err != nil {
			return out, err
		}
		until, err := s.Rules.ProtectionUntil(env)
		if err != nil {
			return out, err
		}
		if p.ProtectedUntil != nil && p.ProtectedUntil.Equal(until.Value) {
			continue
		}
		err = s.Protector.Reschedule(ctx, p.ID, contract.RescheduleRequest{
			ProtectedUntil: until.Value, Rule: until.Rule, RuleVersion: until.Version})
		if err != nil {
			slog.Warn("re-applying protection.until failed", "resource", p.ID, "err", err)
			out.Failed++
			out.Failures = append(out.Failures, rules.ReapplyFailure{ResourceID: p.ID, Reason: reason(err)})
			continue
		}
		out.Changed++
	}
	return out, nil
}

// protectionEnv is what protection.until decides an open protection on:
// its owner and resource as they are, at the moment its ownership began.
func (s *Service) protectionEnv(ctx context.Context, p resource.Protected) (rules.ProtectionEnv, error) {
	owner, err := s.Store.UserByID(ctx, p.Owner.ID)
	if err != nil {
		return rules.ProtectionEnv{}, err
	}
	return rules.ProtectionEnv{Now: p.Since, Rep: RepEnv(owner), Resource: ResourceEnv(p.Resource)}, nil
}

// ResourceEnv is a resource as rules see it.
func ResourceEnv(r resource.Resource) rules.Resource {
	return rules.Resource{Kind: r.Kind, Region: r.Region, Industry: r.Parts.Industry}
}

// reason says why a move failed, as its fault says it to a caller.
func reason(err error) string {
	var fe *fault.Error
	if errors.As(err, &fe) && fe.Kind != fault.Internal {
		return fe.Detail
	}
	return "internal error; see the log"
}
