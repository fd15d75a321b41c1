package rules

import (
	"fmt"
	"time"

	"github.com/tide-crm/tide/china"
)

// Sample is an ordinary decision of the point, made at now: a rep of a
// year's standing with a modest private sea, an enterprise resource in
// 苏州. A version that cannot answer it (an evaluation error, an answer
// out of range) is refused when it is created, even without fixtures: every
// real decision would fail the same way.
func Sample(p Point, now time.Time) any {
	rep := Rep{ID: 1, Role: "rep", JoinedAt: now.AddDate(-1, 0, 0)}
	res := Resource{Kind: "enterprise", Region: "苏州", Industry: "精密电子", Source: "entry"}
	switch p.Env.(type) {
	case CapacityEnv:
		return CapacityEnv{Rep: rep, Counts: Counts{Private: 10, PrivateUnsigned: 10}}
	case PickEnv:
		return PickEnv{Rep: rep, Resource: res, PicksToday: 1, Now: now}
	case ProtectionEnv:
		return ProtectionEnv{Now: now, Resource: res, Rep: rep}
	case ReminderEnv:
		return ReminderEnv{Rep: rep, Resource: res}
	case DeadlineEnv:
		return DeadlineEnv{ApprovedAt: now, Rep: rep, Now: now}
	case OpenLimitEnv:
		return OpenLimitEnv{Rep: rep, Counts: Counts{Private: 10, PrivateUnsigned: 10}, OpenApplications: 2, Capacity: 300}
	case ReviewEnv:
		return ReviewEnv{FiledAt: now, Rep: rep, Now: now}
	case AutoApproveEnv:
		return AutoApproveEnv{Rep: rep, Application: Application{Type: "pick_in", Kind: "enterprise", Region: "苏州"}, Now: now}
	}
	return p.Env
}

// CheckSample evaluates the program on the point's sample decision at now.
func (p *Program) CheckSample(now time.Time) error {
	if _, err := p.Eval(Sample(p.point, now)); err != nil {
		return fmt.Errorf("on a sample decision at %s: %w", now.In(china.Zone).Format(time.RFC3339), err)
	}
	return nil
}
