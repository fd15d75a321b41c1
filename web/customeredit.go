package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
)

// Editable reports whether the reader may still edit note n: its author,
// within a day of writing it.
func (d customerData) Editable(n resource.Note) bool {
	return n.Author.ID == d.Me && d.Now.Sub(n.CreatedAt) < customers.NoteEditWindow // the store decides; the page offers the form while it may succeed
}

// NoteFormOf is the edit form of note n: as typed when its edit was
// refused, else the note as it is.
func (d customerData) NoteFormOf(n resource.Note) noteForm {
	if d.NoteEdit.ID == n.ID {
		return d.NoteEdit
	}
	f := noteForm{ID: n.ID, Channel: n.Channel, Summary: n.Summary, NextStep: n.NextStep}
	if n.ContactID != nil {
		f.ContactID = itoa(*n.ContactID)
	}
	return f
}

// ContactFormOf is the edit form of contact ct: as typed when its edit was
// refused, else the contact as it is.
func (d customerData) ContactFormOf(ct resource.Contact) contactForm {
	if d.ContactEdit.ID == ct.ID {
		return d.ContactEdit
	}
	return contactForm{ID: ct.ID, Name: ct.Name, Title: ct.Title, Email: ct.Email, Mobile: d.ContactMobile(ct.ID)}
}

// ContactMobile is the mobile a contact keeps, as typed.
func (d customerData) ContactMobile(id int64) string {
	for _, n := range d.Resource.Numbers {
		if n.ContactID != nil && *n.ContactID == id && n.Type == "mobile" {
			return n.Raw
		}
	}
	return ""
}

// editContact changes a contact (R19); a new mobile is searched like any
// number (R2). A refusal shows the contact's form open, as typed.
func (c *console) editContact(w http.ResponseWriter, r *http.Request, s *session) {
	id, cid, ok := pathIDs(w, r, "cid")
	if !ok {
		return
	}
	f := contactForm{ID: cid, Name: r.PostFormValue("name"), Title: r.PostFormValue("title"), Mobile: r.PostFormValue("mobile"),
		Email: r.PostFormValue("email")}
	_, err := c.d.Customers.EditContact(r.Context(), *s.user, id, cid,
		customers.ContactEdit{Name: &f.Name, Title: &f.Title, Mobile: &f.Mobile, Email: &f.Email})
	if err == nil {
		http.Redirect(w, r, "/resources/"+itoa(id)+"#contacts", http.StatusSeeOther)
		return
	}
	status, text := refusal(s, err)
	f.Errors, f.Hits = fieldErrors(s, err, nil), sea.HitsOf(err)
	if len(f.Errors) == 0 {
		f.Errors = map[string]string{"": text}
	}
	c.renderCustomer(w, r, s, status, customerForms{ContactEdit: f})
}

// removeContact removes a contact and the numbers it kept (R19); the
// history of the 360 says who removed whom.
func (c *console) removeContact(w http.ResponseWriter, r *http.Request, s *session) {
	id, cid, ok := pathIDs(w, r, "cid")
	if !ok {
		return
	}
	if err := c.d.Customers.RemoveContact(r.Context(), *s.user, id, cid); err != nil {
		status, text := refusal(s, err)
		c.renderCustomer(w, r, s, status, customerForms{Removal: contactForm{ID: cid, Errors: map[string]string{"": text}}})
		return
	}
	http.Redirect(w, r, "/resources/"+itoa(id)+"#contacts", http.StatusSeeOther)
}

// editNote replaces a note's text within a day of writing it; the earlier
// text stays listed under it (R19). The contact's time stays as it was.
func (c *console) editNote(w http.ResponseWriter, r *http.Request, s *session) {
	id, nid, ok := pathIDs(w, r, "nid")
	if !ok {
		return
	}
	n := noteForm{ID: nid, Channel: r.PostFormValue("channel"), ContactID: r.PostFormValue("contact_id"),
		Summary: r.PostFormValue("summary"), NextStep: r.PostFormValue("next_step")}
	req := customers.NoteRequest{Channel: n.Channel, Summary: n.Summary, NextStep: n.NextStep}
	if cid, err := strconv.ParseInt(n.ContactID, 10, 64); err == nil && cid > 0 {
		req.ContactID = &cid
	}
	if at, err := time.Parse(time.RFC3339Nano, r.PostFormValue("at")); err == nil {
		req.At = &at
	}
	if _, err := c.d.Customers.EditNote(r.Context(), *s.user, id, nid, req); err != nil {
		status, text := refusal(s, err)
		if n.Errors = fieldErrors(s, err, nil); len(n.Errors) == 0 {
			n.Errors = map[string]string{"": text}
		}
		c.renderCustomer(w, r, s, status, customerForms{NoteEdit: n})
		return
	}
	http.Redirect(w, r, "/resources/"+itoa(id)+"#note-"+itoa(nid), http.StatusSeeOther)
}

// pathIDs reads the resource's id and a second id named name from the path.
func pathIDs(w http.ResponseWriter, r *http.Request, name string) (int64, int64, bool) {
	id, ok := pathID(w, r)
	if !ok {
		return 0, 0, false
	}
	sub, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || sub < 1 {
		http.NotFound(w, r)
		return 0, 0, false
	}
	return id, sub, true
}
