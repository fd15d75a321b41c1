package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/ruleset"
)

// Rules is the admins' rule editor's service; ruleset.Set implements it.
type Rules interface {
	List() []ruleset.Info
	Versions(ctx context.Context, rule string) (rules.Point, []rules.Version, error)
	CreateVersion(ctx context.Context, actor people.User, rule, expression, comment string, fixtures []rules.Fixture) (rules.Version, error)
	TestVersion(ctx context.Context, rule string, version int, fixtures []rules.Fixture, dryRun bool) (ruleset.Tested, error)
	ActivateVersion(ctx context.Context, actor people.User, rule string, version int, reapply bool) (rules.Version, *rules.Reapplied, error)
	Decisions(ctx context.Context, rule string, limit int) ([]rules.Record, error)
}

// fixtureRows is how many fixtures the editor offers beyond a version's own.
const fixtureRows = 2

// rulesData is 规则: every rule point with its active version.
type rulesData struct{ Rules []ruleset.Info }

func (c *console) rulesList(w http.ResponseWriter, r *http.Request, s *session) {
	c.render(w, r, s, http.StatusOK, "rules", rulesData{Rules: c.d.Rules.List()})
}

// fixtureRow is one fixture as typed: its name, environment and expected
// answer in JSON.
type fixtureRow struct{ Name, Env, Expect string }

// versionForm is a new version as typed, with its refusals: the
// expression's at its line and column, a fixture's next to its row.
type versionForm struct {
	Expression, Comment string
	Fixtures            []fixtureRow
	Errors              map[string]string
	Line, Column        int // where the expression does not compile; 0 when it does
}

// Err is the refusal of one field ("expression", "fixtures.<name>").
func (f versionForm) Err(field string) string { return f.Errors[field] }

// MarkedLine is the expression's line the compiler refused.
func (f versionForm) MarkedLine() string {
	lines := strings.Split(f.Expression, "\n")
	if f.Line < 1 || f.Line > len(lines) {
		return ""
	}
	return lines[f.Line-1]
}

// Caret points at the refused column under MarkedLine.
func (f versionForm) Caret() string { return strings.Repeat(" ", max(f.Column-1, 0)) + "^" }

// ruleData is one rule point: what it decides, the names its expressions
// use, its versions newest first, the editor, a test's outcome.
type ruleData struct {
	Point     rules.Point
	Reference []rules.EnvField
	Versions  []rules.Version
	Active    int // the active version's number
	Form      versionForm
	Tested    *ruleset.Tested
	TestedOf  int  // the version tested
	DryRan    bool // the test included the dry run
	Reapplied *rules.Reapplied
	Decisions []rules.Record
	Done      string
	Refusal   string
}

// Timing says whether activating may re-apply the rule to open deadlines.
func (d ruleData) Timing() bool { return d.Point.Name == "protection.until" }

func (c *console) rule(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderRule(w, r, s, http.StatusOK, ruleData{Done: r.URL.Query().Get("done")})
}

func (c *console) renderRule(w http.ResponseWriter, r *http.Request, s *session, status int, d ruleData) {
	ctx := r.Context()
	name := r.PathValue("name")
	p, vs, err := c.d.Rules.Versions(ctx, name)
	if err != nil {
		st, text := refusal(s, err)
		c.render(w, r, s, st, "rule", ruleData{Refusal: text})
		return
	}
	d.Point, d.Reference = p, rules.Reference(p)
	d.Versions = vs // newest first
	var active *rules.Version
	for i, v := range vs {
		if v.State == rules.Active {
			d.Active, active = v.Version, &vs[i]
		}
	}
	if d.Form.Expression == "" && d.Form.Errors == nil {
		d.Form = versionForm{Expression: p.Default}
		if active != nil {
			d.Form.Expression = active.Expression
			d.Form.Fixtures = fixtureRowsOf(active.Fixtures)
		}
		d.Form.Fixtures = append(d.Form.Fixtures, make([]fixtureRow, fixtureRows)...)
	}
	if d.Decisions, err = c.d.Rules.Decisions(ctx, name, 20); err != nil {
		d.Decisions = nil // the log is a help, not the page
	}
	c.render(w, r, s, status, "rule", d)
}

func fixtureRowsOf(raw json.RawMessage) []fixtureRow {
	var fs []rules.Fixture
	if json.Unmarshal(raw, &fs) != nil {
		return nil
	}
	var out []fixtureRow
	for _, f := range fs {
		out = append(out, fixtureRow{Name: f.Name, Env: string(f.Env), Expect: string(f.Expect)})
	}
	return out
}

// createVersion saves a new version as a draft once it compiles and passes
// its fixtures; a refusal keeps everything typed and marks where.
func (c *console) createVersion(w http.ResponseWriter, r *http.Request, s *session) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f := versionForm{Expression: r.PostFormValue("expression"), Comment: r.PostFormValue("comment"), Errors: map[string]string{}}
	var fixtures []rules.Fixture
	names, envs, expects := r.PostForm["fixture_name"], r.PostForm["fixture_env"], r.PostForm["fixture_expect"]
	for i := range names {
		row := fixtureRow{Name: strings.TrimSpace(names[i]), Env: at(envs, i), Expect: at(expects, i)}
		f.Fixtures = append(f.Fixtures, row)
		if row.Name == "" && strings.TrimSpace(row.Env+row.Expect) == "" {
			continue
		}
		if !json.Valid([]byte(row.Env)) || !json.Valid([]byte(row.Expect)) {
			f.Errors["fixtures."+row.Name] = s.words.Word("the environment and the expected answer must be JSON")
			continue
		}
		fixtures = append(fixtures, rules.Fixture{Name: row.Name, Env: json.RawMessage(row.Env), Expect: json.RawMessage(row.Expect)})
	}
	if strings.TrimSpace(f.Expression) == "" {
		f.Errors["expression"] = s.words.Word("required")
	}
	if len(f.Errors) > 0 {
		c.renderRule(w, r, s, http.StatusUnprocessableEntity, ruleData{Form: f})
		return
	}
	v, err := c.d.Rules.CreateVersion(r.Context(), *s.user, r.PathValue("name"), f.Expression, f.Comment, fixtures)
	if err != nil {
		status, text := refusal(s, err)
		f.Errors = fieldErrors(s, err, nil)
		f.Line, f.Column = position(err)
		d := ruleData{Form: f}
		if len(f.Errors) == 0 {
			d.Refusal = text
		}
		c.renderRule(w, r, s, status, d)
		return
	}
	http.Redirect(w, r, "/admin/rules/"+v.Rule+"?done=created-"+strconv.Itoa(v.Version)+"#versions", http.StatusSeeOther)
}

// position is where an expression does not compile, from its refusal.
func position(err error) (line, column int) {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return 0, 0
	}
	for _, f := range fe.Fields {
		if f.Field == "expression" && f.Text != nil && len(f.Text.Args) >= 2 {
			l, ok1 := f.Text.Args[0].(int)
			c, ok2 := f.Text.Args[1].(int)
			if ok1 && ok2 {
				return l, c
			}
		}
	}
	return 0, 0
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return strings.TrimSpace(xs[i])
	}
	return ""
}

// testVersion runs a version's fixtures (检查) and, asked, the dry run
// over current data (试运行): how many current decisions it would change.
func (c *console) testVersion(w http.ResponseWriter, r *http.Request, s *session) {
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || v < 1 {
		http.NotFound(w, r)
		return
	}
	dry := r.PostFormValue("dry_run") != ""
	t, err := c.d.Rules.TestVersion(r.Context(), r.PathValue("name"), v, nil, dry)
	if err != nil {
		status, text := refusal(s, err)
		c.renderRule(w, r, s, status, ruleData{Refusal: text})
		return
	}
	c.renderRule(w, r, s, http.StatusOK, ruleData{Tested: &t, TestedOf: v, DryRan: dry})
}

// activateVersion makes a version the one in force (启用), re-applying a
// timing rule to open deadlines when asked.
func (c *console) activateVersion(w http.ResponseWriter, r *http.Request, s *session) {
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || v < 1 {
		http.NotFound(w, r)
		return
	}
	_, re, err := c.d.Rules.ActivateVersion(r.Context(), *s.user, r.PathValue("name"), v, r.PostFormValue("reapply") != "")
	if err != nil {
		status, text := refusal(s, err)
		c.renderRule(w, r, s, status, ruleData{Refusal: text})
		return
	}
	if re != nil {
		c.renderRule(w, r, s, http.StatusOK, ruleData{Reapplied: re, Done: "activated-" + strconv.Itoa(v)})
		return
	}
	http.Redirect(w, r, "/admin/rules/"+r.PathValue("name")+"?done=activated-"+strconv.Itoa(v), http.StatusSeeOther)
}
