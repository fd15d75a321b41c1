package ruleset

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/workcal"
)

// Info is a rule point with its active version.
type Info struct {
	Point  rules.Point
	Active rules.Version
}

// List returns every rule point with its active version.
func (s *Set) List() []Info {
	var out []Info
	for _, p := range rules.Points() {
		v, _ := s.Active(p.Name)
		out = append(out, Info{Point: p, Active: v})
	}
	return out
}

// Versions returns a rule point and all its versions, newest first.
func (s *Set) Versions(ctx context.Context, rule string) (rules.Point, []rules.Version, error) {
	p, ok := rules.Lookup(rule)
	if !ok {
		return rules.Point{}, nil, fault.New(fault.NotFound, "no rule %q", rule)
	}
	vs, err := s.store.RuleVersions(ctx, rule)
	return p, vs, err
}

// Decisions returns the rule's recent decisions.
func (s *Set) Decisions(ctx context.Context, rule string, limit int) ([]rules.Record, error) {
	if _, ok := rules.Lookup(rule); !ok {
		return nil, fault.New(fault.NotFound, "no rule %q", rule)
	}
	return s.store.RuleDecisions(ctx, rule, limit)
}

// CreateVersion stores a new draft version after compiling it and running
// its fixtures: a version that does not compile, answers the wrong type or
// fails a fixture is refused (Invalid, naming the position or the fixture).
func (s *Set) CreateVersion(ctx context.Context, actor people.User, rule, expression, comment string, fixtures []rules.Fixture) (rules.Version, error) {
	if _, ok := rules.Lookup(rule); !ok {
		return rules.Version{}, fault.New(fault.NotFound, "no rule %q", rule)
	}
	if err := s.validate(rule, expression, fixtures); err != nil {
		return rules.Version{}, err
	}
	if fixtures == nil {
		fixtures = []rules.Fixture{}
	}
	raw, err := json.Marshal(fixtures)
	if err != nil {
		return rules.Version{}, err
	}
	return s.store.CreateRuleVersion(ctx, rule, expression, comment, raw, actor.ID)
}

// Test runs fixtures (those given, or the version's own) against a version.
func (s *Set) Test(ctx context.Context, rule string, version int, fixtures []rules.Fixture) ([]rules.FixtureFailure, int, error) {
	v, err := s.store.RuleVersion(ctx, rule, version)
	if err != nil {
		return nil, 0, err
	}
	if fixtures == nil {
		if fixtures, err = storedFixtures(v); err != nil {
			return nil, 0, err
		}
	}
	p, err := rules.Compile(rule, v.Expression, s.cal)
	if err != nil {
		return nil, 0, compileFault(err)
	}
	return p.Check(fixtures), len(fixtures), nil
}

// Activate makes a version the rule's active one (after compiling it and
// running its fixtures again, in the activating transaction) and reloads.
// Other processes follow on the announcement.
func (s *Set) Activate(ctx context.Context, actor people.User, rule string, version int) (rules.Version, error) {
	v, err := s.store.ActivateRuleVersion(ctx, rule, version, actor.ID, func(v rules.Version) error {
		fixtures, err := storedFixtures(v)
		if err != nil {
			return err
		}
		return s.validate(v.Rule, v.Expression, fixtures)
	})
	if err != nil {
		return v, err
	}
	return v, s.Reload(ctx)
}

func (s *Set) validate(rule, expression string, fixtures []rules.Fixture) error {
	p, err := rules.Compile(rule, expression, s.cal)
	if err != nil {
		return compileFault(err)
	}
	if err := p.CheckSample(time.Now()); err != nil {
		return fault.Invalidf([]fault.FieldError{{Field: "expression", Reason: err.Error()}},
			"the expression cannot decide: %v", err)
	}
	if failures := p.Check(fixtures); len(failures) > 0 {
		var fields []fault.FieldError
		var msgs []string
		for _, f := range failures {
			fields = append(fields, fault.FieldError{Field: "fixtures." + f.Name, Reason: f.String()})
			msgs = append(msgs, f.String())
		}
		return fault.Invalidf(fields, "%d of %d fixtures fail: %s", len(failures), len(fixtures), strings.Join(msgs, "; "))
	}
	return nil
}

func compileFault(err error) error {
	var ce *rules.CompileError
	if errors.As(err, &ce) {
		// The position travels as the text's arguments: the console marks it.
		return fault.Invalidf([]fault.FieldError{fault.Field("expression", "line %d, column %d: %s", ce.Line, ce.Column, ce.Msg)},
			"the expression does not compile: %s", ce.Error())
	}
	return fault.Invalidf([]fault.FieldError{{Field: "expression", Reason: err.Error()}}, "the expression does not compile")
}

func storedFixtures(v rules.Version) ([]rules.Fixture, error) {
	var fs []rules.Fixture
	if len(v.Fixtures) > 0 {
		if err := json.Unmarshal(v.Fixtures, &fs); err != nil {
			return nil, fmt.Errorf("rule %s version %d: stored fixtures: %w", v.Rule, v.Version, err)
		}
	}
	return fs, nil
}

// CalendarYear returns every date of a year in the calendar in force.
func (s *Set) CalendarYear(year int) ([]workcal.Day, error) {
	days, err := s.Calendar().Days(year)
	var nd *workcal.NoDataError
	if errors.As(err, &nd) {
		return nil, fault.Wrap(err, fault.NotFound, err.Error())
	}
	return days, err
}

// SetCalendarDay overrides one date of the official calendar (R16), after
// checking that the calendar takes it, and reloads.
func (s *Set) SetCalendarDay(ctx context.Context, actor people.User, date, kind, note string) error {
	if _, err := s.Calendar().WithOverrides([]workcal.Override{{Date: date, Kind: kind, Note: note}}); err != nil {
		return fault.Invalidf([]fault.FieldError{{Field: "date", Reason: err.Error()}}, "the override is not valid: %v", err)
	}
	if err := s.store.SetCalendarOverride(ctx, date, kind, note, actor.ID); err != nil {
		return err
	}
	return s.Reload(ctx)
}

// Warnings lists what an operator must act on soon: the working-day data
// running out within 60 days (R16), after which every deadline fails.
func (s *Set) Warnings(now time.Time) []string {
	var out []string
	for _, t := range s.WarningTexts(now) {
		out = append(out, t.String())
	}
	return out
}

// WarningTexts are the warnings as texts to translate, for the console.
func (s *Set) WarningTexts(now time.Time) []fault.Text {
	end := s.Calendar().DataEnds()
	if left := end.Sub(now); left < 60*24*time.Hour {
		return []fault.Text{fault.T("working-day calendar data ends on %s (%d days left): add the next year's official notice",
			end.Format("2006-01-02"), int(left.Hours()/24))}
	}
	return nil
}

// Program returns the compiled program of one version (for a dry run).
func (s *Set) Program(ctx context.Context, rule string, version int) (*rules.Program, error) {
	v, err := s.store.RuleVersion(ctx, rule, version)
	if err != nil {
		return nil, err
	}
	p, err := s.cache.Get(v.Rule, v.Version, v.Expression)
	if err != nil {
		return nil, compileFault(err)
	}
	return p, nil
}
