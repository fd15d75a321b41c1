package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/sea"
)

// tasksData is 任务: sales support's queue, oldest first, as the filters
// narrow it. The list holds no form, so htmx may refresh it while it is
// open: a task another decided leaves it for everyone.
type tasksData struct {
	State, Type, Region string
	Unprotected         string // "", "true" or "false"
	Rows                []appRow
	Error               string
	Decided             string // the application just decided, and how
}

// TypeWord and StateWord name a type and a state, in English for T.
func (tasksData) TypeWord(t string) string  { return or(typeWords[t], t) }
func (tasksData) StateWord(s string) string { return or(stateWords[s], s) }

// States and Types are the filters' choices.
func (tasksData) States() []string {
	return []string{application.Pending, application.Approved, application.Rejected, application.Entered,
		application.Assigned, application.Lapsed}
}
func (tasksData) Types() []string {
	return []string{applications.AppPickIn, applications.AppAssistantSpecial}
}

func (c *console) tasks(w http.ResponseWriter, r *http.Request, s *session) {
	q := r.URL.Query()
	d := tasksData{State: q.Get("state"), Type: q.Get("type"), Region: strings.TrimSpace(q.Get("region")),
		Unprotected: q.Get("unprotected"), Decided: q.Get("decided")}
	f := application.Filter{State: d.State, Type: d.Type, Region: d.Region}
	if b, err := strconv.ParseBool(d.Unprotected); err == nil {
		f.Unprotected = &b
	}
	status := http.StatusOK
	as, err := c.d.Applications.Tasks(r.Context(), f)
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	now := time.Now()
	for _, a := range as {
		row := openRow(s, a, now)
		if a.ReviewBy != nil && a.State == application.Pending {
			row.Due, row.DaysLeft = china.Minute(*a.ReviewBy), sea.DaysLeft(now, *a.ReviewBy)
		}
		row.For, row.By = a.ForRep.Name, a.Applicant.Name
		d.Rows = append(d.Rows, row)
	}
	if r.Header.Get("HX-Request") != "" {
		c.renderFragment(w, s, status, "tasks", "queue", d)
		return
	}
	c.render(w, r, s, status, "tasks", d)
}

// taskData is one task: the application with its steps, what its search
// found (or why it could not run, R11), the rep's room, the decision forms
// as typed and their refusals.
type taskData struct {
	App        application.Application
	Steps      []stepRow
	Searched   string // what the search found, in words
	Unsearched bool   // filed while the search could not run (R11)
	Room       *sea.Room
	Mode       string // the approval chosen
	ResourceID string // the public resource to assign, as typed
	Reason     string // the rejection's reason, as typed
	Errors     map[string]string
	Refusal    string
}

// Err is the refusal of one field, "" when none.
func (d taskData) Err(field string) string { return d.Errors[field] }

// TypeWord and StateWord name a type and a state, in English for T.
func (taskData) TypeWord(t string) string  { return or(typeWords[t], t) }
func (taskData) StateWord(s string) string { return or(stateWords[s], s) }

// Date shows a time that may be missing as a China date and minute.
func (taskData) Date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return china.Minute(*t)
}

// Pending says whether the task still waits for a decision.
func (d taskData) Pending() bool { return d.App.State == application.Pending }

// Proposed says whether the application is for a resource not in tide yet:
// only such an application may be approved for the rep to enter (R9).
func (d taskData) Proposed() bool { return d.App.ResourceID == nil }

func (c *console) task(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderTask(w, r, s, http.StatusOK, taskData{Mode: applications.ModeSelfEntry})
}

func (c *console) renderTask(w http.ResponseWriter, r *http.Request, s *session, status int, d taskData) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	a, events, err := c.d.Applications.Get(ctx, *s.user, id)
	if err != nil {
		st, text := refusal(s, err)
		c.render(w, r, s, st, "task", taskData{Refusal: text})
		return
	}
	d.App = a
	if a.ResourceID != nil && d.Mode == applications.ModeSelfEntry && r.Method == http.MethodGet {
		d.Mode = applications.ModeAssign // a pick-in of a public resource is approved by assigning it
	}
	for _, e := range events {
		st := stepRow{Word: s.words.Word(or(eventWords[e.Event], e.Event)), At: china.Minute(e.At)}
		if e.Actor != nil {
			st.By = e.Actor.Name
		}
		d.Steps = append(d.Steps, st)
	}
	var found struct {
		Ran  bool      `json:"ran"`
		Keys int       `json:"keys"`
		Hits int       `json:"hits"`
		At   time.Time `json:"at"`
	}
	if json.Unmarshal(a.Search, &found) == nil && found.Ran {
		d.Searched = s.words.Text(searchedText(found.Keys, found.Hits, found.At))
	}
	d.Unsearched = a.Unprotected
	if rep, err := c.d.Accounts.UserByID(ctx, a.ForRep.ID); err == nil {
		if room, err := c.d.Seas.Room(ctx, rep); err == nil {
			d.Room = &room
		}
	}
	c.render(w, r, s, status, "task", d)
}

// approve approves a task: for the rep to enter it within the entry
// deadline (R9), or by assigning a public resource (R10: a different name
// must be corrected by its deadline).
func (c *console) approve(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	d := taskData{Mode: r.PostFormValue("mode"), ResourceID: strings.TrimSpace(r.PostFormValue("resource_id"))}
	ap := applications.Approval{Mode: d.Mode, Comment: r.PostFormValue("comment")}
	if d.Mode == applications.ModeAssign && d.ResourceID != "" {
		rid, err := strconv.ParseInt(d.ResourceID, 10, 64)
		if err != nil || rid < 1 {
			d.Errors = map[string]string{"resource_id": s.words.Word("must be a resource number")}
			c.renderTask(w, r, s, http.StatusUnprocessableEntity, d)
			return
		}
		ap.ResourceID = rid
	}
	if _, err := c.d.Applications.Approve(r.Context(), *s.user, id, ap); err != nil {
		c.refuseTask(w, r, s, d, err)
		return
	}
	http.Redirect(w, r, "/tasks?decided="+itoa(id)+"-approved", http.StatusSeeOther)
}

// reject rejects a task with a reason; the rep is told.
func (c *console) reject(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	d := taskData{Mode: applications.ModeSelfEntry, Reason: r.PostFormValue("reason")}
	if _, err := c.d.Applications.Reject(r.Context(), *s.user, id, d.Reason); err != nil {
		c.refuseTask(w, r, s, d, err)
		return
	}
	http.Redirect(w, r, "/tasks?decided="+itoa(id)+"-rejected", http.StatusSeeOther)
}

func (c *console) refuseTask(w http.ResponseWriter, r *http.Request, s *session, d taskData, err error) {
	status, text := refusal(s, err)
	if d.Errors = fieldErrors(s, err, nil); len(d.Errors) == 0 {
		d.Refusal = text
	}
	c.renderTask(w, r, s, status, d)
}

// searchedText says what an application's collision search found.
func searchedText(keys, hits int, at time.Time) fault.Text {
	if hits == 0 {
		return fault.T("searched %d keys at %s: no collision", keys, china.Minute(at))
	}
	return fault.T("searched %d keys at %s: %d hits", keys, china.Minute(at), hits)
}

// assignCheck answers, as the public resource's number is typed, which
// resource it is and whether its name differs from the application's: an
// assignment then sets the name-correction deadline (R10).
func (c *console) assignCheck(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	type answer struct{ Name, Note string }
	var ans answer
	defer func() { c.renderFragment(w, s, http.StatusOK, "task", "assign-check", ans) }()
	rid, err := strconv.ParseInt(strings.TrimSpace(r.URL.Query().Get("resource_id")), 10, 64)
	if err != nil || rid < 1 {
		return
	}
	a, _, err := c.d.Applications.Get(r.Context(), *s.user, id)
	if err != nil {
		return
	}
	v, err := c.d.Customers.Customer360(r.Context(), *s.user, rid)
	switch {
	case err != nil:
		_, ans.Note = refusal(s, err)
	case v.Resource.Sea != "public":
		ans.Name, ans.Note = v.Resource.Name, s.words.Word("not in the public sea: it cannot be assigned")
	case v.Resource.CompanyKey != a.Key:
		ans.Name, ans.Note = v.Resource.Name, s.words.Word("the name differs from the application's: the rep must correct it by the name-correction deadline (R10)")
	default:
		ans.Name, ans.Note = v.Resource.Name, s.words.Word("the same company as applied for")
	}
}
