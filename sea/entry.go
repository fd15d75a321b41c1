package sea

import (
	"fmt"
	"strings"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/phone"
	"github.com/tide-crm/tide/store"
)

// Kinds of resource.
const (
	KindEnterprise = "enterprise"
	KindIndividual = "individual"
)

// Entry is a self-entry as the rep typed it.
type Entry struct {
	Kind     string
	Name     string
	Region   string
	Contacts []EntryContact
	Numbers  []EntryNumber
}

// EntryContact is one contact of an entry; its numbers are collision keys too.
type EntryContact struct {
	Name, Title, Email    string
	Mobile, Landline, Fax string
}

// EntryNumber is one number of the resource itself.
type EntryNumber struct {
	Type, Value string
}

// normalize checks the required fields (R17) and puts every number in normal
// form (R4), collecting every problem rather than stopping at the first.
func (e Entry) normalize() (store.NewResource, error) {
	var errs []fault.FieldError
	bad := func(field, reason string) { errs = append(errs, fault.FieldError{Field: field, Reason: reason}) }

	nr := store.NewResource{Kind: e.Kind, Name: strings.TrimSpace(e.Name), Region: strings.TrimSpace(e.Region)}
	if e.Kind != KindEnterprise && e.Kind != KindIndividual {
		bad("kind", `must be "enterprise" or "individual"`)
	}
	if nr.Name == "" {
		bad("name", "required: the company name, or the person's name for an individual")
	} else if len([]rune(nr.Name)) > 200 {
		bad("name", "at most 200 characters")
	}
	if nr.Region == "" {
		bad("region", "required")
	}
	types := map[string]bool{}
	number := func(field, typ, value string) (store.Number, bool) {
		if !phone.ValidType(typ) {
			bad(field+".type", "must be mobile, landline or fax")
			return store.Number{}, false
		}
		norm, err := phone.Normalize(value)
		if err != nil {
			bad(field+".value", fmt.Sprintf("%q: %v", value, err))
			return store.Number{}, false
		}
		types[typ] = true
		return store.Number{Type: typ, Raw: strings.TrimSpace(value), Normalized: norm}, true
	}
	for i, n := range e.Numbers {
		if num, ok := number(fmt.Sprintf("numbers[%d]", i), n.Type, n.Value); ok {
			nr.Numbers = append(nr.Numbers, num)
		}
	}
	if len(e.Contacts) == 0 {
		bad("contacts", "at least one contact with a name is required")
	}
	for i, c := range e.Contacts {
		field := fmt.Sprintf("contacts[%d]", i)
		nc := store.NewContact{Name: strings.TrimSpace(c.Name), Title: strings.TrimSpace(c.Title), Email: strings.TrimSpace(c.Email)}
		if nc.Name == "" {
			bad(field+".name", "required")
		}
		for _, tv := range [][2]string{{phone.Mobile, c.Mobile}, {phone.Landline, c.Landline}, {phone.Fax, c.Fax}} {
			if strings.TrimSpace(tv[1]) == "" {
				continue
			}
			if num, ok := number(field+"."+tv[0], tv[0], tv[1]); ok {
				nc.Numbers = append(nc.Numbers, num)
			}
		}
		nr.Contacts = append(nr.Contacts, nc)
	}
	// At least one number (R17). With three types only, an individual with
	// no landline and no fax therefore carries a mobile, as R4 requires.
	if len(types) == 0 && len(errs) == 0 {
		bad("numbers", "at least one phone, fax or mobile number is required")
	}
	if len(errs) > 0 {
		return store.NewResource{}, fault.Invalidf(errs, "the entry is incomplete or malformed")
	}
	return nr, nil
}

func validateReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fault.Invalidf([]fault.FieldError{{Field: "reason", Reason: "required"}}, "a release needs a reason")
	}
	return nil
}

// mayRelease allows the owner only: a resource in someone else's sea is not
// the actor's to give away.
func mayRelease(actor store.User, r store.Resource) error {
	if r.Sea != store.SeaPrivate || r.Owner == nil {
		return fault.New(fault.Conflict, "resource %d is already in the public sea", r.ID)
	}
	if r.Owner.ID != actor.ID {
		return fault.New(fault.Forbidden, "resource %d belongs to another rep", r.ID)
	}
	return nil
}
