package sea

import (
	"context"
	"strconv"
	"time"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/rules"
)

// DryRunVersion evaluates a version over current data without changing
// anything (R22): every open protection for protection.until, every rep's
// limit for capacity.limit.
func (s *Service) DryRunVersion(ctx context.Context, rule string, p *rules.Program) (rules.DryRun, error) {
	switch rule {
	case "protection.until":
		return s.dryRunProtection(ctx, p)
	case "capacity.limit":
		return s.dryRunCapacity(ctx, p)
	}
	return rules.DryRun{}, fault.Invalidf([]fault.FieldError{{Field: "dry_run", Reason: "available for protection.until and capacity.limit"}},
		"no dry run for %s yet", rule)
}

func (s *Service) dryRunProtection(ctx context.Context, p *rules.Program) (rules.DryRun, error) {
	open, err := s.Store.ProtectedResources(ctx)
	if err != nil {
		return rules.DryRun{}, err
	}
	out := rules.DryRun{Decisions: len(open), Examples: []rules.DryRunExample{}}
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
			now := "—"
			if r.ProtectedUntil != nil {
				now = china.Minute(*r.ProtectedUntil)
			}
			out.Add("resource/"+strconv.FormatInt(r.ID, 10)+" "+r.Name, now, china.Minute(d.Value))
		}
	}
	return out, nil
}

func (s *Service) dryRunCapacity(ctx context.Context, p *rules.Program) (rules.DryRun, error) {
	held, reps, err := s.Store.HeldCounts(ctx)
	if err != nil {
		return rules.DryRun{}, err
	}
	out := rules.DryRun{Decisions: len(reps), Examples: []rules.DryRunExample{}}
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
			out.Add("user/"+strconv.FormatInt(rep.ID, 10)+" "+rep.Name, strconv.Itoa(now.Value), strconv.Itoa(then.Value))
		}
	}
	return out, nil
}
