package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
)

// identityRows is the most own numbers the identity form takes.
const identityRows = 8

// identityForm is the identity edit (R12) as typed: the name, the region
// and the resource's own numbers, with one empty row to add a number.
// Refused, it comes back open with its reasons and the collision's holders.
type identityForm struct {
	Refused      bool
	Name, Region string
	Numbers      []numberRow
	Errors       map[string]string
	Refusal      string
	Hits         []collision.Hit
}

// Err is the refusal of one field, "" when none.
func (f identityForm) Err(field string) string { return f.Errors[field] }

// Field names an input of number row i, as the API names it.
func (identityForm) Input(i int, name string) string {
	if name == "" {
		return fmt.Sprintf("numbers[%d]", i)
	}
	return fmt.Sprintf("numbers[%d].%s", i, name)
}

// identityOf is the form of a resource as it is.
func identityOf(r resource.Resource) identityForm {
	f := identityForm{Name: r.Name, Region: r.Region}
	for _, n := range r.Numbers {
		if n.ContactID == nil {
			f.Numbers = append(f.Numbers, numberRow{Type: n.Type, Value: n.Raw})
		}
	}
	if len(f.Numbers) < identityRows {
		f.Numbers = append(f.Numbers, numberRow{Type: "landline"})
	}
	return f
}

// editIdentity is the identity edit (R12): the collision search runs again
// in the edit's transaction; a collision refuses it, shows the holders next
// to the form, and is reported to both owners and sales support. When a
// name correction is due (R10), this is where it is made.
func (c *console) editIdentity(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	f := identityForm{Refused: true, Name: r.PostFormValue("name"), Region: r.PostFormValue("region")}
	var nums []intake.EntryNumber
	rows := map[string]string{}
	for i := range identityRows {
		n := numberRow{Type: r.PostFormValue(f.Input(i, "type")), Value: r.PostFormValue(f.Input(i, "value"))}
		if n.Type == "" && n.Value == "" {
			continue
		}
		f.Numbers = append(f.Numbers, n)
		if strings.TrimSpace(n.Value) != "" {
			rows[fmt.Sprintf("numbers[%d]", len(nums))] = f.Input(len(f.Numbers)-1, "")
			nums = append(nums, intake.EntryNumber{Type: n.Type, Value: n.Value})
		}
	}
	_, err := c.d.Seas.EditIdentity(r.Context(), *s.user, id, sea.IdentityEdit{Name: &f.Name, Region: &f.Region, Numbers: &nums})
	if err == nil {
		http.Redirect(w, r, "/resources/"+itoa(id)+"?edited=1", http.StatusSeeOther)
		return
	}
	status, text := refusal(s, err)
	f.Errors, f.Hits = fieldErrors(s, err, rows), sea.HitsOf(err)
	if len(f.Errors) == 0 || f.Hits != nil {
		f.Refusal = text
	}
	c.renderCustomer(w, r, s, status, customerForms{Identity: f})
}

// confirmKind settles a dual record (R7): the rep says whether the
// customer buys as an enterprise or an individual; the other record closes.
func (c *console) confirmKind(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	kept, err := c.d.Seas.ConfirmKind(r.Context(), *s.user, id, r.PostFormValue("kind"))
	if err != nil {
		status, text := refusal(s, err)
		if r.PostFormValue("from") == "mine" {
			c.renderMine(w, r, s, status, mineForm{Refused: []releaseOutcome{{ID: id, Refusal: text}}})
			return
		}
		c.renderCustomer(w, r, s, status, customerForms{KindError: text})
		return
	}
	if r.PostFormValue("from") == "mine" {
		http.Redirect(w, r, "/mine?confirmed="+itoa(kept.ID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/resources/"+itoa(kept.ID), http.StatusSeeOther)
}
