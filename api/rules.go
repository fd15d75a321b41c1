package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/workcal"
)

// Rules is the admins' view of the rules and the calendar (R16, R22).
type Rules interface {
	List() []ruleset.Info
	Versions(ctx context.Context, rule string) (rules.Point, []rules.Version, error)
	CreateVersion(ctx context.Context, actor people.User, rule, expression, comment string, fixtures []rules.Fixture) (rules.Version, error)
	TestVersion(ctx context.Context, rule string, version int, fixtures []rules.Fixture, dryRun bool) (ruleset.Tested, error)
	ActivateVersion(ctx context.Context, actor people.User, rule string, version int, reapply bool) (rules.Version, *rules.Reapplied, error)
	Decisions(ctx context.Context, rule string, limit int) ([]rules.Record, error)
	CalendarYear(year int) ([]workcal.Day, error)
	SetCalendarDay(ctx context.Context, actor people.User, date, kind, note string) error
}

// RuleVersionView is one version of a rule.
type RuleVersionView struct {
	Rule        string          `json:"rule"`
	Version     int             `json:"version"`
	Expression  string          `json:"expression"`
	State       string          `json:"state"`
	Author      *OwnerView      `json:"author"`
	Comment     string          `json:"comment"`
	Fixtures    json.RawMessage `json:"fixtures"`
	CreatedAt   time.Time       `json:"created_at"`
	ActivatedAt *time.Time      `json:"activated_at"`
	RetiredAt   *time.Time      `json:"retired_at"`
}

func ruleVersionView(v rules.Version) RuleVersionView {
	return RuleVersionView{Rule: v.Rule, Version: v.Version, Expression: v.Expression, State: v.State,
		Author: ownerView(v.Author), Comment: v.Comment, Fixtures: v.Fixtures, CreatedAt: v.CreatedAt,
		ActivatedAt: v.ActivatedAt, RetiredAt: v.RetiredAt}
}

// RuleView is a rule point with its active version.
type RuleView struct {
	Name     string            `json:"name"`
	Result   string            `json:"result"`
	Doc      string            `json:"doc"`
	Default  string            `json:"default"`
	Active   *RuleVersionView  `json:"active"`
	Versions []RuleVersionView `json:"versions,omitempty"`
}

func ruleView(p rules.Point, active *rules.Version) RuleView {
	v := RuleView{Name: p.Name, Result: p.Result, Doc: p.Doc, Default: p.Default}
	if active != nil && active.Version > 0 {
		av := ruleVersionView(*active)
		v.Active = &av
	}
	return v
}

func (h handlers) listRules(c *gin.Context) {
	out := []RuleView{}
	for _, i := range h.d.Rules.List() {
		out = append(out, ruleView(i.Point, &i.Active))
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

func (h handlers) getRule(c *gin.Context) {
	p, vs, err := h.d.Rules.Versions(c.Request.Context(), c.Param("name"))
	if err != nil {
		fail(c, err)
		return
	}
	v := ruleView(p, nil)
	v.Versions = []RuleVersionView{}
	for _, rv := range vs {
		if rv.State == rules.Active {
			av := ruleVersionView(rv)
			v.Active = &av
		}
		v.Versions = append(v.Versions, ruleVersionView(rv))
	}
	c.JSON(http.StatusOK, v)
}

type versionRequest struct {
	Expression string          `json:"expression"`
	Comment    string          `json:"comment"`
	Fixtures   []rules.Fixture `json:"fixtures"`
}

func (h handlers) createRuleVersion(c *gin.Context) {
	var req versionRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	if req.Expression == "" {
		fail(c, fault.Invalidf([]fault.FieldError{{Field: "expression", Reason: "required"}}, "an expression is required"))
		return
	}
	v, err := h.d.Rules.CreateVersion(c.Request.Context(), caller(c), c.Param("name"), req.Expression, req.Comment, req.Fixtures)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ruleVersionView(v))
}

func pathVersion(c *gin.Context) (int, error) {
	v, err := strconv.ParseInt(c.Param("version"), 10, 32) // versions are int4 in the database
	if err != nil || v < 1 {
		e := fault.New(fault.Malformed, "version must be a positive integer below 2147483648")
		e.Fields = []fault.FieldError{{Field: "version", Reason: "must be a positive integer below 2147483648"}}
		return 0, e
	}
	return int(v), nil
}

type testRequest struct {
	Fixtures []rules.Fixture `json:"fixtures"`
	// DryRun also evaluates the version over current data.
	DryRun bool `json:"dry_run"`
}

// TestResult is the outcome of running fixtures against a version and,
// when asked, of a dry run over current data.
type TestResult struct {
	Passed   int                    `json:"passed"`
	Failed   []rules.FixtureFailure `json:"failed"`
	Fixtures int                    `json:"fixtures"`
	DryRun   *rules.DryRun          `json:"dry_run,omitempty"`
}

func (h handlers) testRuleVersion(c *gin.Context) {
	version, err := pathVersion(c)
	if err != nil {
		fail(c, err)
		return
	}
	var req testRequest
	if c.Request.ContentLength != 0 {
		if err := decode(c, &req); err != nil {
			fail(c, err)
			return
		}
	}
	t, err := h.d.Rules.TestVersion(c.Request.Context(), c.Param("name"), version, req.Fixtures, req.DryRun)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, TestResult{Passed: t.Fixtures - len(t.Failed), Failed: t.Failed, Fixtures: t.Fixtures, DryRun: t.DryRun})
}

type activateRequest struct {
	// Reapply re-applies a timing rule to the deadlines already open.
	Reapply bool `json:"reapply"`
}

// ActivateResponse is the active version and, when asked, what re-applying
// it to open deadlines did.
type ActivateResponse struct {
	RuleVersionView
	Reapplied *rules.Reapplied `json:"reapplied,omitempty"`
}

func (h handlers) activateRuleVersion(c *gin.Context) {
	version, err := pathVersion(c)
	if err != nil {
		fail(c, err)
		return
	}
	var req activateRequest
	if c.Request.ContentLength != 0 {
		if err := decode(c, &req); err != nil {
			fail(c, err)
			return
		}
	}
	v, reapplied, err := h.d.Rules.ActivateVersion(c.Request.Context(), caller(c), c.Param("name"), version, req.Reapply)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ActivateResponse{RuleVersionView: ruleVersionView(v), Reapplied: reapplied})
}

// DecisionView is one decision a rule made.
type DecisionView struct {
	At      time.Time       `json:"at"`
	Rule    string          `json:"rule"`
	Version int             `json:"version"`
	Subject string          `json:"subject"`
	ActorID *int64          `json:"actor_id"`
	Value   json.RawMessage `json:"value"`
}

func (h handlers) ruleDecisions(c *gin.Context) {
	ds, err := h.d.Rules.Decisions(c.Request.Context(), c.Param("name"), 100)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(ds, func(d rules.Record) DecisionView { return DecisionView(d) })})
}

func (h handlers) calendarYear(c *gin.Context) {
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil || year < 1900 || year > 2200 {
		fail(c, fault.New(fault.Malformed, "year must be a year such as 2026"))
		return
	}
	days, err := h.d.Rules.CalendarYear(year)
	if err != nil {
		fail(c, err)
		return
	}
	type dayView struct {
		Date string `json:"date"`
		Kind string `json:"kind"`
		Note string `json:"note,omitempty"`
	}
	out := make([]dayView, 0, len(days))
	for _, d := range days {
		out = append(out, dayView(d))
	}
	c.JSON(http.StatusOK, gin.H{"year": year, "days": out})
}

type dayRequest struct {
	Kind string `json:"kind"`
	Note string `json:"note"`
}

func (h handlers) setCalendarDay(c *gin.Context) {
	var req dayRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	date := c.Param("date")
	if len(date) < 4 || date[:4] != c.Param("year") {
		fail(c, fault.Invalidf([]fault.FieldError{{Field: "date", Reason: "must lie in the year of the path"}}, "date and year disagree"))
		return
	}
	if err := h.d.Rules.SetCalendarDay(c.Request.Context(), caller(c), date, req.Kind, req.Note); err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"date": date, "kind": req.Kind, "note": req.Note})
}
