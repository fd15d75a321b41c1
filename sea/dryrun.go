package sea

import (
	"context"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/rules"
)

// DryRun is what a rule version would change if it were active now.
type DryRun struct {
	Decisions int `json:"decisions"` // current decisions the rule makes
	Changed   int `json:"changed"`   // of those, the ones the version would decide otherwise
}

// DryRunVersion evaluates a version over current data without changing
// anything (R22): every open protection for protection.until, every rep's
// limit for capacity.limit.
func (s *Service) DryRunVersion(ctx context.Context, rule string, p *rules.Program) (DryRun, error) {
	switch rule {
	case "protection.until":
		return s.dryRunProtection(ctx, p)
	case "capacity.limit":
		return s.dryRunCapacity(ctx, p)
	}
	return DryRun{}, fault.Invalidf([]fault.FieldError{{Field: "dry_run", Reason: "available for protection.until and capacity.limit"}},
		"no dry run for %s yet", rule)
}

func (s *Service) dryRunProtection(ctx context.Context, p *rules.Program) (DryRun, error) {
	open, err := s.Store.ProtectedResources(ctx)
	if err != nil {
		return DryRun{}, err
	}
	out := DryRun{Decisions: len(open)}
	for _, r := range open {
		env, err := s.protectionEnv(ctx, r)
		if err != nil {
			return out, err
		}
		d, err := rules.Decide[time.Time](p, env)
		if err != nil {
			return out, fault.Wrap(err, fault.Invalid, "the version fails on resource "+r.Name+": "+err.Error())
		}
		if r.ProtectedUntil == nil || !r.ProtectedUntil.Equal(d.Value) {
			out.Changed++
		}
	}
	return out, nil
}

func (s *Service) dryRunCapacity(ctx context.Context, p *rules.Program) (DryRun, error) {
	held, reps, err := s.Store.HeldCounts(ctx)
	if err != nil {
		return DryRun{}, err
	}
	out := DryRun{Decisions: len(reps)}
	for _, rep := range reps {
		env := rules.CapacityEnv{Rep: RepEnv(rep), Counts: rules.Counts{Private: held[rep.ID], PrivateUnsigned: held[rep.ID]}}
		now, err := s.Rules.CapacityLimit(env)
		if err != nil {
			return out, err
		}
		then, err := rules.Decide[int](p, env)
		if err != nil {
			return out, fault.Wrap(err, fault.Invalid, "the version fails for "+rep.Username+": "+err.Error())
		}
		if then.Value != now.Value {
			out.Changed++
		}
	}
	return out, nil
}
