package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tide-crm/tide/auditlog"
	"github.com/tide-crm/tide/people"
)

// Audit reads the audit log; auditlog.Service implements it.
type Audit interface {
	List(ctx context.Context, actor people.User, f auditlog.Filter) ([]auditlog.Record, error)
}

// auditPage is how many lines the audit page shows at a time.
const auditPage = 50

// auditData is 审计日志: who did what to what, when, with the detail the
// action recorded (before and after where it records them), newest first.
type auditData struct {
	Subject, Action, Actor string
	Rows                   []auditlog.Record
	Next                   string
	Error                  string
}

// Detail is a line's detail as its JSON text, "" when it holds nothing.
func (auditData) Detail(r auditlog.Record) string {
	if s := string(r.Detail); s != "{}" && s != "null" {
		return s
	}
	return ""
}

// SubjectLink is the console page of a line's subject, "" when it has none.
func (auditData) SubjectLink(subject string) string {
	if id, ok := strings.CutPrefix(subject, "user/"); ok && id != "" {
		return "" // users are managed by username; the subject keeps the id
	}
	return subjectLink(subject)
}

func (c *console) audit(w http.ResponseWriter, r *http.Request, s *session) {
	q := r.URL.Query()
	d := auditData{Subject: strings.TrimSpace(q.Get("subject")), Action: strings.TrimSpace(q.Get("action")),
		Actor: strings.TrimSpace(q.Get("actor"))}
	f := auditlog.Filter{Subject: d.Subject, Action: d.Action, Limit: auditPage}
	status := http.StatusOK
	if d.Actor != "" {
		u, err := c.d.Accounts.User(r.Context(), d.Actor)
		if err != nil {
			status, d.Error = refusal(s, err)
			c.render(w, r, s, status, "audit", d)
			return
		}
		f.ActorID = u.ID
	}
	if before, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && before > 0 {
		f.Before = before
	}
	rows, err := c.d.Audit.List(r.Context(), *s.user, f)
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	d.Rows = rows
	if len(rows) == auditPage {
		next := url.Values{"subject": {d.Subject}, "action": {d.Action}, "actor": {d.Actor},
			"before": {strconv.FormatInt(rows[len(rows)-1].ID, 10)}}
		d.Next = "/admin/audit?" + next.Encode()
	}
	c.render(w, r, s, status, "audit", d)
}
