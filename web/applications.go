package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/sea"
)

// applyData is 申请挑入 (R8): the public resource applied for and the
// reason, with its refusal.
type applyData struct {
	ID          int64
	Reason      string
	ReasonError string
	Refusal     string
}

func (c *console) applyForm(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	c.render(w, r, s, http.StatusOK, "apply", applyData{ID: id})
}

// apply files a pick-in application for a public resource; sales support
// decides it. A refusal (the rule that limits open applications, another
// application first) keeps the reason and says why.
func (c *console) apply(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	d := applyData{ID: id, Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	a, err := c.d.Applications.Apply(r.Context(), *s.user, applications.Input{Type: applications.AppPickIn, ResourceID: id, Reason: d.Reason})
	if err == nil {
		http.Redirect(w, r, "/applications?filed="+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
		return
	}
	status, text := refusal(s, err)
	errs := fieldErrors(s, err, nil)
	if d.ReasonError = errs["reason"]; d.ReasonError == "" {
		d.Refusal = text
	}
	c.render(w, r, s, status, "apply", d)
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
}

// stateWords and typeWords name an application's state and type.
var (
	stateWords = map[string]string{application.Pending: "Waiting for sales support", application.Approved: "Approved",
		application.Rejected: "Rejected", application.Entered: "Entered by the rep", application.Assigned: "Assigned to the rep",
		application.Lapsed: "Lapsed"}
	typeWords = map[string]string{applications.AppPickIn: "Pick-in", applications.AppAssistantSpecial: "Special (by an assistant)"}
)

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
	filed := r.URL.Query().Get("filed")
	now := time.Now()
	for _, a := range as {
		row := appRow{ID: a.ID, Name: a.Name, Type: s.words.Word(or(typeWords[a.Type], a.Type)),
			State: s.words.Word(or(stateWords[a.State], a.State)), Reason: a.Reason,
			Filed: china.Minute(a.CreatedAt), Unprotected: a.Unprotected,
			Just: filed == strconv.FormatInt(a.ID, 10)}
		if a.Deadline != nil && (a.State == application.Approved) {
			row.Due = china.Minute(*a.Deadline)
			row.DaysLeft = sea.DaysLeft(now, *a.Deadline)
		}
		rows = append(rows, row)
	}
	c.render(w, r, s, status, "applications", struct {
		Rows  []appRow
		Error string
		Filed bool
	}{rows, failed, filed != ""})
}
