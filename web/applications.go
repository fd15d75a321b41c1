package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
)

// applyData is 申请挑入 (R8) — or, for an assistant, the special
// application for a chosen rep: the public resource applied for, the
// reason, the rep, with their refusals.
type applyData struct {
	ID      int64
	Special bool             // an assistant's special application
	Reps    []people.UserRef // whom an assistant may apply for
	ForRep  string           // the rep chosen, as sent
	Reason  string
	Errors  map[string]string // by field: reason, for_rep_id
	Refusal string
}

// Err is the refusal of one field, "" when none.
func (d applyData) Err(field string) string { return d.Errors[field] }

func (c *console) applyForm(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	c.renderApply(w, r, s, http.StatusOK, applyData{ID: id})
}

func (c *console) renderApply(w http.ResponseWriter, r *http.Request, s *session, status int, d applyData) {
	if d.Special = s.user.Role == people.RoleAssistant; d.Special {
		reps, err := c.d.Accounts.Reps(r.Context(), *s.user)
		if err != nil {
			status, d.Refusal = refusal(s, err)
		}
		d.Reps = reps
	}
	c.render(w, r, s, status, "apply", d)
}

// apply files a pick-in application for a public resource, or an
// assistant's special application for a rep; sales support decides it. A
// refusal (the rule that limits open applications, another application
// first) keeps what was chosen and typed and says why.
func (c *console) apply(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	d := applyData{ID: id, Reason: strings.TrimSpace(r.PostFormValue("reason")), ForRep: r.PostFormValue("for_rep_id")}
	in := applications.Input{Type: applications.AppPickIn, ResourceID: id, Reason: d.Reason}
	if s.user.Role == people.RoleAssistant {
		in.Type = applications.AppAssistantSpecial
		in.ForRepID, _ = strconv.ParseInt(d.ForRep, 10, 64)
	}
	a, err := c.d.Applications.Apply(r.Context(), *s.user, in)
	if err == nil {
		http.Redirect(w, r, "/applications?filed="+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
		return
	}
	status, text := refusal(s, err)
	d.Errors = fieldErrors(s, err, nil)
	if d.Err("reason") == "" && d.Err("for_rep_id") == "" {
		d.Refusal = text
	}
	c.renderApply(w, r, s, status, d)
}

// appRow is one application as 我的申请 shows it.
type appRow struct {
	ID                int64
	Name, Type, State string
	Reason            string
	Filed             string
	Due               string // the entry (R9) or name correction (R10) is due before it
	DaysLeft          int
	Unprotected       bool
	Just              bool // filed a moment ago
	Steps             []stepRow
	For, By           string // the rep it is for and who filed it, in 任务
	Enter             string // the entry that completes an approved self-entry (R9), "" otherwise
}

// stepRow is one step of an application: what happened, when, by whom.
type stepRow struct{ Word, At, By string }

// stateWords and typeWords name an application's state and type.
var (
	stateWords = map[string]string{application.Pending: "Waiting for sales support", application.Approved: "Approved",
		application.Rejected: "Rejected", application.Entered: "Entered by the rep", application.Assigned: "Assigned to the rep",
		application.Lapsed: "Lapsed"}
	typeWords = map[string]string{applications.AppPickIn: "Pick-in", applications.AppAssistantSpecial: "Special (by an assistant)"}
)

// openRow is an application as the lists show it: its type and state in
// the reader's language, and the deadline an approval set with its days.
func openRow(s *session, a application.Application, now time.Time) appRow {
	row := appRow{ID: a.ID, Name: a.Name, Type: s.words.Word(or(typeWords[a.Type], a.Type)),
		State: s.words.Word(or(stateWords[a.State], a.State)), Reason: a.Reason,
		Filed: china.Minute(a.CreatedAt), Unprotected: a.Unprotected}
	if a.Deadline != nil && a.State == application.Approved {
		row.Due = china.Minute(*a.Deadline)
		row.DaysLeft = sea.DaysLeft(now, *a.Deadline)
		if a.Mode != nil && *a.Mode == application.ModeSelfEntry && len(a.Proposed) > 0 {
			row.Enter = "/enter?application=" + strconv.FormatInt(a.ID, 10)
		}
	}
	return row
}

// myApplications is 我的申请: what the user filed or had filed for them,
// newest first, with the deadline an approval set.
func (c *console) myApplications(w http.ResponseWriter, r *http.Request, s *session) {
	var rows []appRow
	status := http.StatusOK
	var failed string
	as, err := c.d.Applications.Mine(r.Context(), *s.user, application.Filter{UserID: s.user.ID})
	if err != nil {
		status, failed = refusal(s, err)
	}
	steps, err := c.d.Applications.Steps(r.Context(), *s.user, as)
	if err != nil && failed == "" {
		status, failed = refusal(s, err)
	}
	filed := r.URL.Query().Get("filed")
	now := time.Now()
	for _, a := range as {
		row := openRow(s, a, now)
		row.Just = filed == strconv.FormatInt(a.ID, 10)
		for _, e := range steps[a.ID] {
			st := stepRow{Word: s.words.Word(or(eventWords[e.Event], e.Event)), At: china.Minute(e.At)}
			if e.Actor != nil {
				st.By = e.Actor.Name
			}
			row.Steps = append(row.Steps, st)
		}
		rows = append(rows, row)
	}
	c.render(w, r, s, status, "applications", struct {
		Rows  []appRow
		Error string
		Filed bool
	}{rows, failed, filed != ""})
}
