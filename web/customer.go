package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/sea"
)

// customerData is 客户360 (R20): the resource whole for its owner, sales
// support and admins; for anyone else what a collision answer shows.
type customerData struct {
	customers.Customer360
	customerForms
	viewer
	Me          int64 // the reader: notes they wrote may be edited for a day
	Edited      bool  // an identity edit just succeeded
	Now         time.Time
	DaysLeft    int
	HasDeadline bool
	Until       string
	Deadlines   []customers.Deadline
	Story       []customers.StoryItem
}

// customerForms are the 360's forms as typed when one was refused; the
// others start from the resource as it is.
type customerForms struct {
	Note        noteForm
	NewContact  contactForm
	ContactEdit contactForm // a refused contact edit (its ID set)
	Removal     contactForm // a refused contact removal: its ID and why
	NoteEdit    noteForm    // a refused note edit (its ID set)
	Identity    identityForm
	KindError   string // a refused confirm-kind (R7)
}

// contactForm is a contact being added or edited on the 360, as typed, with
// its refusals and, for a number another customer holds, the holders.
type contactForm struct {
	ID                         int64
	Name, Title, Mobile, Email string
	Errors                     map[string]string
	Hits                       []collision.Hit
}

// Err is the refusal of one field, "" when none.
func (c contactForm) Err(field string) string { return c.Errors[field] }

// noteForm is the 联系小计 form as typed, with its refusals.
type noteForm struct {
	ID                                    int64
	Channel, ContactID, Summary, NextStep string
	Errors                                map[string]string
}

// Err is the refusal of one field, "" when none.
func (n noteForm) Err(field string) string { return n.Errors[field] }

// channelWords and pathWords name a note's channel and a move's path, in
// English for the catalogue.
var (
	channelWords = map[string]string{"phone": "Phone call", "visit": "Visit", "im": "Instant message", "email": "Email", "other": "Another channel"}
	pathWords    = map[string]string{"entry": "Entered", "pick": "Picked", "release": "Released", "expiry": "Expired",
		"confirm_kind": "Kind confirmed", "application": "Entered on an application", "assignment": "Assigned", "import": "Imported",
		"duplicate": "Handed on as one company with an earlier customer"}
)

// Channel names a note's channel.
func (customerData) Channel(ch string) string { return or(channelWords[ch], ch) }

// Path names how a move happened.
func (customerData) Path(p string) string { return or(pathWords[p], p) }

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Date shows a time, or a time that may be missing, as a China date and
// minute.
func (customerData) Date(t any) string {
	switch t := t.(type) {
	case time.Time:
		return china.Minute(t)
	case *time.Time:
		if t != nil {
			return china.Minute(*t)
		}
	}
	return ""
}

// Contact names a contact of the resource by id.
func (d customerData) Contact(id *int64) string {
	if id == nil {
		return ""
	}
	for _, c := range d.Resource.Contacts {
		if c.ID == *id {
			return c.Name
		}
	}
	return ""
}

func (c *console) customer(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderCustomer(w, r, s, http.StatusOK, customerForms{})
}

// renderCustomer shows the 360 with forms as typed: a form left zero starts
// from the resource as it is.
func (c *console) renderCustomer(w http.ResponseWriter, r *http.Request, s *session, status int, forms customerForms) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	v, err := c.d.Customers.Customer360(r.Context(), *s.user, id)
	if err != nil {
		st, text := refusal(s, err)
		c.render(w, r, s, st, "customer", customerData{customerForms: customerForms{Note: noteForm{Errors: map[string]string{"": text}}}})
		return
	}
	if forms.Note.Channel == "" {
		forms.Note.Channel = "phone"
	}
	now := time.Now()
	d := customerData{Customer360: v, customerForms: forms, viewer: viewer{s.user}, Me: s.user.ID, Now: now,
		Edited: r.URL.Query().Get("edited") != ""}
	if v.Whole {
		d.Deadlines, d.Story = v.Deadlines(now), v.Story()
		if !d.Identity.Refused {
			d.Identity = identityOf(v.Resource)
		}
		d.DaysLeft, d.HasDeadline = sea.ProtectionLeft(v.Resource, now)
		if v.Resource.ProtectedUntil != nil {
			d.Until = china.Day(*v.Resource.ProtectedUntil)
		}
	}
	c.render(w, r, s, status, "customer", d)
}

// addNote is 联系小计: what was said, with whom, and what comes next
// (R19). A refusal keeps the text and says why next to the field.
func (c *console) addNote(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	n := noteForm{Channel: r.PostFormValue("channel"), ContactID: r.PostFormValue("contact_id"),
		Summary: r.PostFormValue("summary"), NextStep: r.PostFormValue("next_step")}
	req := customers.NoteRequest{Channel: n.Channel, Summary: n.Summary, NextStep: n.NextStep}
	if cid, err := strconv.ParseInt(n.ContactID, 10, 64); err == nil && cid > 0 {
		req.ContactID = &cid
	}
	if _, err := c.d.Customers.AddNote(r.Context(), *s.user, id, req); err != nil {
		status, text := refusal(s, err)
		if n.Errors = fieldErrors(s, err, nil); len(n.Errors) == 0 {
			n.Errors = map[string]string{"": text}
		}
		c.renderCustomer(w, r, s, status, customerForms{Note: n})
		return
	}
	http.Redirect(w, r, "/resources/"+strconv.FormatInt(id, 10)+"#notes", http.StatusSeeOther)
}

// addContact adds a contact (R19); its mobile is searched like any number
// (R2), and a collision names the holders. A refusal keeps what was typed.
func (c *console) addContact(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	f := contactForm{Name: r.PostFormValue("name"), Title: r.PostFormValue("title"), Mobile: r.PostFormValue("mobile"),
		Email: r.PostFormValue("email")}
	_, _, err := c.d.Customers.AddContact(r.Context(), *s.user, id,
		intake.EntryContact{Name: f.Name, Title: f.Title, Mobile: f.Mobile, Email: f.Email})
	if err == nil {
		http.Redirect(w, r, "/resources/"+strconv.FormatInt(id, 10)+"#contacts", http.StatusSeeOther)
		return
	}
	status, text := refusal(s, err)
	f.Errors = fieldErrors(s, err, nil) // "mobile.value" comes back as "mobile"
	f.Hits = sea.HitsOf(err)
	if len(f.Errors) == 0 {
		f.Errors = map[string]string{"": text}
	}
	c.renderCustomer(w, r, s, status, customerForms{NewContact: f})
}
