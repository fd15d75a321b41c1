package ruleset

import (
	"context"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
)

// Deadlines is what the seas do for rule administration: re-apply a timing
// rule to the deadlines already open, and tell what a version would change
// over current data. Package sea implements it; it is set on the Set when a
// process assembles its services.
type Deadlines interface {
	ReapplyProtection(ctx context.Context) (rules.Reapplied, error)
	DryRunVersion(ctx context.Context, rule string, p *rules.Program) (rules.DryRun, error)
}

// Tested is a version's fixtures' outcome and, when asked, its dry run.
type Tested struct {
	Failed   []rules.FixtureFailure
	Fixtures int
	DryRun   *rules.DryRun
}

// TestVersion runs fixtures (those given, or the version's own) against a
// version and, with dryRun, evaluates it over current data.
func (s *Set) TestVersion(ctx context.Context, rule string, version int, fixtures []rules.Fixture, dryRun bool) (Tested, error) {
	failed, n, err := s.Test(ctx, rule, version, fixtures)
	if err != nil {
		return Tested{}, err
	}
	out := Tested{Failed: failed, Fixtures: n}
	if out.Failed == nil {
		out.Failed = []rules.FixtureFailure{}
	}
	if !dryRun {
		return out, nil
	}
	p, err := s.Program(ctx, rule, version)
	if err != nil {
		return out, err
	}
	d, err := s.Deadlines.DryRunVersion(ctx, rule, p)
	out.DryRun = &d
	return out, err
}

// ActivateVersion activates a version and, with reapply, re-applies it to
// the deadlines already open (protection.until only), answering what that
// did. A rule that cannot be re-applied is refused before anything changes.
func (s *Set) ActivateVersion(ctx context.Context, actor people.User, rule string, version int, reapply bool) (rules.Version, *rules.Reapplied, error) {
	if reapply && !rules.CanReapply(rule) {
		return rules.Version{}, nil, fault.Invalidf([]fault.FieldError{{Field: "reapply",
			Reason: "only timing rules with open deadlines can be re-applied: protection.until"}}, "%s cannot be re-applied", rule)
	}
	v, err := s.Activate(ctx, actor, rule, version)
	if err != nil || !reapply {
		return v, nil, err
	}
	r, err := s.Deadlines.ReapplyProtection(ctx)
	return v, &r, err
}
