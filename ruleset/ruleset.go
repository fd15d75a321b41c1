// Package ruleset serves the rules to one process (R22): it installs the
// shipped defaults, keeps the active version of every rule compiled (once
// per rule and version), reloads when an activation or a calendar override
// is announced on tide_rules — and every two seconds in case an
// announcement was lost — and turns evaluations into decisions that name
// the rule and version that made them.
//
// Evaluation happens here and in activities, never in workflow code: rules
// change while workflows run, and workflow code must replay the same way.
package ruleset

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workcal"
)

// Set holds the active rules and the working-day calendar.
type Set struct {
	store *store.Store
	cal   *liveCalendar
	cache *rules.Cache

	// PollEvery is the fallback reload period for lost announcements.
	PollEvery time.Duration
	// Deadlines re-applies and dry-runs versions over open deadlines (the
	// seas); set it before TestVersion or ActivateVersion ask for either.
	Deadlines Deadlines

	mu     sync.RWMutex
	active map[string]rules.Version
}

// Open installs the defaults of rules that have no version yet, loads the
// active versions and the calendar overrides, and compiles every rule.
func Open(ctx context.Context, st *store.Store) (*Set, error) {
	s := &Set{store: st, cal: newLiveCalendar(), PollEvery: 2 * time.Second}
	s.cache = rules.NewCache(s.cal)
	for _, p := range rules.Points() {
		if err := st.EnsureDefaultRule(ctx, p.Name, p.Default); err != nil {
			return nil, err
		}
	}
	if err := s.Reload(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Reload reads the active versions and the calendar overrides again.
func (s *Set) Reload(ctx context.Context) error {
	overrides, err := s.store.CalendarOverrides(ctx)
	if err != nil {
		return err
	}
	if err := s.cal.load(overrides); err != nil {
		return err
	}
	vs, err := s.store.ActiveRules(ctx)
	if err != nil {
		return err
	}
	active := make(map[string]rules.Version, len(vs))
	for _, v := range vs {
		if _, err := s.cache.Get(v.Rule, v.Version, v.Expression); err != nil {
			// An active version compiled when it was activated; failing now
			// means the code changed under it. Keep serving the others.
			slog.Error("active rule does not compile", "rule", v.Rule, "version", v.Version, "err", err)
			continue
		}
		active[v.Rule] = v
	}
	s.mu.Lock()
	s.active = active
	s.mu.Unlock()
	return nil
}

// Run keeps the set current until ctx ends: on every announcement, and
// every PollEvery as a fallback.
func (s *Set) Run(ctx context.Context) {
	kick := make(chan struct{}, 1)
	go s.store.ListenRules(ctx, func() {
		select {
		case kick <- struct{}{}:
		default:
		}
	})
	tick := time.NewTicker(s.PollEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
		case <-tick.C:
		}
		if err := s.Reload(ctx); err != nil && ctx.Err() == nil {
			slog.Warn("rules reload failed", "err", err)
		}
	}
}

// Active returns the active version of a rule.
func (s *Set) Active(rule string) (rules.Version, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.active[rule]
	return v, ok
}

// Calendar returns the working-day calendar in force (official data with
// the admins' overrides).
func (s *Set) Calendar() *workcal.Calendar { return s.cal.current() }

// eval evaluates the active version of rule on env. A rule that cannot
// decide (no version that compiles, an evaluation error, an answer out of
// range) refuses the request with RuleFailed, naming the rule: it is not a
// passing outage to retry, it fails until an admin activates a version that
// can decide.
func (s *Set) eval(rule string, env any) (any, rules.Version, error) {
	v, ok := s.Active(rule)
	if !ok {
		return nil, v, ruleFailed(rule, "", fmt.Errorf("no active version compiles"))
	}
	version := strconv.Itoa(v.Version)
	p, err := s.cache.Get(v.Rule, v.Version, v.Expression)
	if err == nil {
		start := time.Now()
		var out any
		out, err = p.Eval(env)
		metrics.RuleLatency.WithLabelValues(rule, version).Observe(metrics.Since(start))
		if err == nil {
			metrics.RuleEvaluations.WithLabelValues(rule, version, "decided").Inc()
			return out, v, nil
		}
	}
	metrics.RuleEvaluations.WithLabelValues(rule, version, "failed").Inc()
	return nil, v, ruleFailed(rule, version, err)
}

func ruleFailed(rule, version string, err error) error {
	fe := fault.Wrap(err, fault.RuleFailed, "")
	fe.Say("rule %s version %s could not decide (%v); an admin must activate a version that can", rule, version, err.Error())
	if version == "" {
		fe.Say("rule %s has no active version that can decide; an admin must activate one", rule)
	}
	fe.Extra = map[string]any{"rule": rule, "rule_version": version}
	return fe
}

// decide evaluates a rule whose result has Go type T.
func decide[T any](s *Set, rule string, env any) (rules.Decision[T], error) {
	out, v, err := s.eval(rule, env)
	if err != nil {
		return rules.Decision[T]{}, err
	}
	val, ok := out.(T)
	if !ok {
		return rules.Decision[T]{}, fmt.Errorf("rule %s version %d answered %T", rule, v.Version, out)
	}
	return rules.Decision[T]{Value: val, Rule: rule, Version: strconv.Itoa(v.Version)}, nil
}

// LikenessScore decides likeness.score for a pair of resources.
func (s *Set) LikenessScore(env rules.LikenessEnv) (rules.Decision[int], error) {
	return decide[int](s, "likeness.score", env)
}

// LikenessThreshold decides likeness.threshold where a pair was met.
func (s *Set) LikenessThreshold(env rules.LikenessThresholdEnv) (rules.Decision[int], error) {
	return decide[int](s, "likeness.threshold", env)
}

// CapacityLimit decides capacity.limit for a rep (R13).
func (s *Set) CapacityLimit(env rules.CapacityEnv) (rules.Decision[int], error) {
	return decide[int](s, "capacity.limit", env)
}

// ProtectionUntil decides protection.until (R14).
func (s *Set) ProtectionUntil(env rules.ProtectionEnv) (rules.Decision[time.Time], error) {
	return decide[time.Time](s, "protection.until", env)
}

// PickAllowed decides pick.allowed for a rep and a public resource.
func (s *Set) PickAllowed(env rules.PickEnv) (rules.Decision[rules.Allowed], error) {
	return decide[rules.Allowed](s, "pick.allowed", env)
}

// ReminderBefore decides expiry.reminder_before (R14).
func (s *Set) ReminderBefore(env rules.ReminderEnv) (rules.Decision[time.Duration], error) {
	return decide[time.Duration](s, "expiry.reminder_before", env)
}

// EntryDeadline decides entry.deadline (R9).
func (s *Set) EntryDeadline(env rules.DeadlineEnv) (rules.Decision[time.Time], error) {
	return decide[time.Time](s, "entry.deadline", env)
}

// NameCorrectionDeadline decides name_correction.deadline (R10).
func (s *Set) NameCorrectionDeadline(env rules.DeadlineEnv) (rules.Decision[time.Time], error) {
	return decide[time.Time](s, "name_correction.deadline", env)
}

// AutoApprove decides application.auto_approve (R22).
func (s *Set) AutoApprove(env rules.AutoApproveEnv) (rules.Decision[bool], error) {
	return decide[bool](s, "application.auto_approve", env)
}

// OpenLimit decides application.open_limit for a rep.
func (s *Set) OpenLimit(env rules.OpenLimitEnv) (rules.Decision[int], error) {
	return decide[int](s, "application.open_limit", env)
}

// ReviewDeadline decides application.review_deadline for a filing.
func (s *Set) ReviewDeadline(env rules.ReviewEnv) (rules.Decision[time.Time], error) {
	return decide[time.Time](s, "application.review_deadline", env)
}
