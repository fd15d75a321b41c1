package web

import (
	"net/http"
	"strings"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/people"
)

// noteRow is one notification as 通知 shows it.
type noteRow struct {
	ID     int64
	Kind   string // the kind's words, in the page's language
	Body   string
	At     string
	Unread bool
	Link   string // the page of what it is about, "" when there is none
}

// subjectLink is the console page of a notification's subject:
// resource/7 is that customer's 360, application/3 is 我的申请.
func subjectLink(subject string) string {
	if id, ok := strings.CutPrefix(subject, "resource/"); ok {
		return "/resources/" + id
	}
	if strings.HasPrefix(subject, "application/") {
		return "/applications"
	}
	return ""
}

// notificationsData is 通知: newest first.
type notificationsData struct {
	Rows  []noteRow
	Error string
}

// kindWords names each kind of notification.
var kindWords = map[string]string{people.NotifyReminder: "Protection ends soon", people.NotifyExpired: "Returned to the public sea",
	people.NotifyReferral: "Referral", people.NotifyApplication: "Application", people.NotifyCollision: "Collision"}

// notifications is 通知: referrals (R5), collisions after edits (R12),
// expiry reminders (R14), applications' decisions and deadlines.
func (c *console) notifications(w http.ResponseWriter, r *http.Request, s *session) {
	var d notificationsData
	status := http.StatusOK
	ns, err := c.d.Accounts.Notifications(r.Context(), s.user.ID, false)
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	for _, n := range ns {
		kind := n.Kind
		if w, ok := kindWords[kind]; ok {
			kind = s.words.Word(w)
		}
		d.Rows = append(d.Rows, noteRow{ID: n.ID, Kind: kind, Body: n.Body,
			At: china.Minute(n.CreatedAt), Unread: n.ReadAt == nil, Link: subjectLink(n.Subject)})
	}
	c.render(w, r, s, status, "notifications", d)
}

// readNotification marks one of the user's notifications read.
func (c *console) readNotification(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if err := c.d.Accounts.MarkRead(r.Context(), s.user.ID, id); err != nil {
		status, text := refusal(s, err)
		http.Error(w, text, status)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

// badge is the bar's count of unread notifications. htmx loads it after the
// page and again every minute, so that no page waits for the count.
func (c *console) badge(w http.ResponseWriter, r *http.Request, s *session) {
	ns, err := c.d.Accounts.Notifications(r.Context(), s.user.ID, true)
	if err != nil {
		ns = nil // the bar shows no count rather than an error
	}
	c.renderFragment(w, s, http.StatusOK, "notifications", "badge-fragment", len(ns))
}
