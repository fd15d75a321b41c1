package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/sea"
)

// entryRows is how many numbers and contacts the 录入 form offers; empty
// rows are left out.
const entryRows = 3

// enterData is the 录入 form: what was typed, each refusal next to its field
// (keyed by the field names the API's problem documents use: name,
// numbers[0], contacts[1].mobile …), and a collision's holders.
type enterData struct {
	Kind, Name, Region string
	Numbers            []numberRow
	Contacts           []contactRow
	Errors             map[string]string
	Refusal            string          // the whole entry's refusal: a rule, a collision
	Hits               []collision.Hit // who holds what this entry collides with (R5)
	Reason             string          // an application's reason, when the form is filed as one
	ApplicationID      string          // the approved application this entry completes (R9), "" for a plain entry
	Applying           bool            // the form was filed as an application: its part stays open
}

type numberRow struct{ Type, Value string }

type contactRow struct{ Name, Title, Mobile, Email string }

// Err is the refusal of one field, "" when none.
func (d enterData) Err(field string) string { return d.Errors[field] }

// Field names an input of row i, as the API names it.
func (enterData) Field(list string, i int, name string) string {
	if name == "" {
		return fmt.Sprintf("%s[%d]", list, i)
	}
	return fmt.Sprintf("%s[%d].%s", list, i, name)
}

func emptyEntry() enterData {
	d := enterData{Kind: intake.KindEnterprise, Numbers: make([]numberRow, entryRows), Contacts: make([]contactRow, entryRows)}
	d.Numbers[0].Type, d.Numbers[1].Type, d.Numbers[2].Type = "landline", "mobile", "fax"
	return d
}

func (c *console) enterForm(w http.ResponseWriter, r *http.Request, s *session) {
	if id, err := strconv.ParseInt(r.URL.Query().Get("application"), 10, 64); err == nil && id > 0 {
		c.completionForm(w, r, s, id)
		return
	}
	c.render(w, r, s, http.StatusOK, "enter", emptyEntry())
}

// enter is 录入 (R17): the rep's own entry into the private sea. A refusal
// re-renders the form with everything typed, the reasons next to their
// fields, and for a collision the holders with their owners.
func (c *console) enter(w http.ResponseWriter, r *http.Request, s *session) {
	d, e := entryOfForm(r)
	res, err := c.d.Seas.Enter(r.Context(), *s.user, e)
	if err == nil {
		http.Redirect(w, r, "/mine?entered="+strconv.FormatInt(res.ID, 10), http.StatusSeeOther)
		return
	}
	c.refuseEntry(w, r, s, d, err, "")
}

// enterApply files the form as a pick-in application for a resource not in
// tide yet (R8): sales support approves it for the rep to enter within the
// entry deadline (R9), or assigns a public resource. Its collision search
// runs at once and its keys stay reserved while it is open.
func (c *console) enterApply(w http.ResponseWriter, r *http.Request, s *session) {
	d, e := entryOfForm(r)
	d.Reason = r.PostFormValue("reason")
	a, err := c.d.Applications.Apply(r.Context(), *s.user, applications.Input{Type: applications.AppPickIn, Proposed: &e, Reason: d.Reason})
	if err == nil {
		http.Redirect(w, r, "/applications?filed="+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
		return
	}
	d.Applying = true
	c.refuseEntry(w, r, s, d, err, "proposed.")
}

// entryOfForm reads 录入 as typed, and the entry it asks for.
func entryOfForm(r *http.Request) (enterData, intake.Entry) {
	d := emptyEntry()
	d.Kind, d.Name, d.Region = r.PostFormValue("kind"), r.PostFormValue("name"), r.PostFormValue("region")
	e := intake.Entry{Kind: d.Kind, Name: d.Name, Region: d.Region}
	if id, err := strconv.ParseInt(r.PostFormValue("application_id"), 10, 64); err == nil && id > 0 {
		d.ApplicationID, e.ApplicationID = strconv.FormatInt(id, 10), id
	}
	// Rows keep their places, so that a refusal of numbers[2] is next to
	// the third row even when the first was left empty.
	for i := range entryRows {
		n := numberRow{Type: r.PostFormValue(d.Field("numbers", i, "type")), Value: r.PostFormValue(d.Field("numbers", i, "value"))}
		d.Numbers[i] = n
		if strings.TrimSpace(n.Value) != "" {
			e.Numbers = append(e.Numbers, intake.EntryNumber{Type: n.Type, Value: n.Value})
		}
		ct := contactRow{Name: r.PostFormValue(d.Field("contacts", i, "name")), Title: r.PostFormValue(d.Field("contacts", i, "title")),
			Mobile: r.PostFormValue(d.Field("contacts", i, "mobile")), Email: r.PostFormValue(d.Field("contacts", i, "email"))}
		d.Contacts[i] = ct
		if strings.TrimSpace(ct.Name+ct.Title+ct.Mobile+ct.Email) != "" {
			e.Contacts = append(e.Contacts, intake.EntryContact{Name: ct.Name, Title: ct.Title, Mobile: ct.Mobile, Email: ct.Email})
		}
	}
	return d, e
}

// refuseEntry shows 录入 again with everything typed, the reasons next to
// their fields (prefix: what the service puts before the entry's fields),
// and for a collision the holders with their owners.
func (c *console) refuseEntry(w http.ResponseWriter, r *http.Request, s *session, d enterData, err error, prefix string) {
	status, text := refusal(s, err)
	d.Errors = fieldErrors(s, unprefixed(err, prefix), rowsOf(d))
	if len(d.Errors) == 0 || unplaced(d.Errors) {
		d.Refusal = text
	}
	d.Hits = sea.HitsOf(err)
	c.render(w, r, s, status, "enter", d)
}

// unprefixed is err with prefix taken off its fields' names.
func unprefixed(err error, prefix string) error {
	var fe *fault.Error
	if prefix == "" || !errors.As(err, &fe) {
		return err
	}
	out := *fe
	out.Fields = nil
	for _, f := range fe.Fields {
		f.Field = strings.TrimPrefix(f.Field, prefix)
		out.Fields = append(out.Fields, f)
	}
	return &out
}

// rowsOf maps the index of each non-empty row the service saw back to
// the form's row, for numbers and contacts.
func rowsOf(d enterData) map[string]string {
	m := map[string]string{}
	for _, list := range []struct {
		name  string
		empty func(i int) bool
	}{
		{"numbers", func(i int) bool { return strings.TrimSpace(d.Numbers[i].Value) == "" }},
		{"contacts", func(i int) bool {
			c := d.Contacts[i]
			return strings.TrimSpace(c.Name+c.Title+c.Mobile+c.Email) == ""
		}},
	} {
		seen := 0
		for i := range entryRows {
			if list.empty(i) {
				continue
			}
			m[fmt.Sprintf("%s[%d]", list.name, seen)] = fmt.Sprintf("%s[%d]", list.name, i)
			seen++
		}
	}
	return m
}

// fieldErrors are the refusals of an Invalid fault by field, in the
// asker's language, with the service's row numbers turned into the form's.
func fieldErrors(s *session, err error, rows map[string]string) map[string]string {
	var fe *fault.Error
	if !errors.As(err, &fe) || len(fe.Fields) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, f := range fe.Fields {
		field := f.Field
		if i := strings.Index(field, "]"); i > 0 {
			if row, ok := rows[field[:i+1]]; ok {
				field = row + field[i+1:]
			}
		}
		// A number's type and value are one row of the form: "numbers[1].value",
		// "contacts[0].mobile.value" are shown at "numbers[1]",
		// "contacts[0].mobile".
		field = strings.TrimSuffix(strings.TrimSuffix(field, ".value"), ".type")
		if out[field] == "" {
			out[field] = s.words.Reason(f)
		}
	}
	return out
}

// unplaced reports a refusal of a field the form has no place for, so the
// form's banner must say it.
func unplaced(errs map[string]string) bool {
	for field := range errs {
		switch {
		case field == "kind" || field == "name" || field == "region" || field == "numbers" || field == "contacts":
		case strings.HasPrefix(field, "numbers[") && strings.HasSuffix(field, "]"):
		case strings.HasPrefix(field, "contacts[") && strings.Count(field, ".") == 1:
		default:
			return true
		}
	}
	return false
}
