package sea

import (
	"fmt"
	"strings"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// Kinds of resource. KindUnknown is only an entry's: it makes a dual
// record (R7).
const (
	KindEnterprise = "enterprise"
	KindIndividual = "individual"
	KindUnknown    = "unknown"
)

// Entry is a self-entry as the rep typed it.
type Entry struct {
	ApplicationID int64 // completes an approved self-entry application (R9)
	Kind          string
	Name          string
	Region        string
	Contacts      []EntryContact
	Numbers       []EntryNumber
}

// EntryContact is one contact of an entry; its numbers are collision keys too.
type EntryContact struct {
	Name, Title, Email, TradeManagerID string
	Mobile, Landline, Fax              string
}

// EntryNumber is one number field of the resource itself; it may hold
// several numbers.
type EntryNumber struct {
	Type, Value string
}

// normalize checks the required fields (R17), parses the name into its key
// (R3) and every number into normal form (R4), collecting every problem
// rather than stopping at the first.
func (e Entry) normalize() (store.NewResource, error) {
	var f fields
	kind := e.Kind
	if kind == KindUnknown { // two records: the enterprise one holds the keys
		kind = KindEnterprise
	}
	id, _ := f.identity(kind, e.Name, e.Region)
	nr := store.NewResource{Kind: id.Kind, Name: id.Name, Region: id.Region, CompanyKey: id.CompanyKey, Parts: id.Parts,
		Dual: e.Kind == KindUnknown}
	nr.Numbers = f.numbers(e.Numbers, nr.Region)
	total := len(nr.Numbers)
	if len(e.Contacts) == 0 {
		f.bad("contacts", "at least one contact with a name is required")
	}
	for i, c := range e.Contacts {
		nc := f.contact(fmt.Sprintf("contacts[%d]", i), c, nr.Region)
		total += len(nc.Numbers)
		nr.Contacts = append(nr.Contacts, nc)
	}
	// At least one number (R17). With three field types only, an individual
	// with no landline and no fax therefore carries a mobile, as R4 requires.
	if total == 0 && len(f) == 0 {
		f.bad("numbers", "at least one phone, fax or mobile number is required")
	}
	if err := f.err("the entry is incomplete or malformed"); err != nil {
		return store.NewResource{}, err
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
func mayRelease(actor people.User, r resource.Resource) error {
	if r.Sea != resource.SeaPrivate || r.Owner == nil {
		return fault.New(fault.Conflict, "resource %d is already in the public sea", r.ID)
	}
	if r.Owner.ID != actor.ID {
		return fault.New(fault.Forbidden, "resource %d belongs to another rep", r.ID)
	}
	return nil
}
