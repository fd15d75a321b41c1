// Package intake reads what people type into tide — an entry, its contacts
// and numbers, a search text — and checks it: required fields (R17), the
// company key of a name (R3), every number in normal form (R4), every
// problem named with its field. Every service takes input through it, so a
// browser form and the API refuse the same things the same way.
package intake

import (
	"fmt"

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

// Normalize checks the required fields (R17), parses the name into its key
// (R3) and every number into normal form (R4), collecting every problem
// rather than stopping at the first.
func (e Entry) Normalize() (store.NewResource, error) {
	var f Fields
	kind := e.Kind
	if kind == KindUnknown { // two records: the enterprise one holds the keys
		kind = KindEnterprise
	}
	id, _ := f.Identity(kind, e.Name, e.Region)
	nr := store.NewResource{Kind: id.Kind, Name: id.Name, Region: id.Region, CompanyKey: id.CompanyKey, Parts: id.Parts,
		Dual: e.Kind == KindUnknown}
	nr.Numbers = f.Numbers(e.Numbers, nr.Region)
	total := len(nr.Numbers)
	if len(e.Contacts) == 0 {
		f.Bad("contacts", "at least one contact with a name is required")
	}
	for i, c := range e.Contacts {
		nc := f.Contact(fmt.Sprintf("contacts[%d]", i), c, nr.Region)
		total += len(nc.Numbers)
		nr.Contacts = append(nr.Contacts, nc)
	}
	// At least one number (R17). With three field types only, an individual
	// with no landline and no fax therefore carries a mobile, as R4 requires.
	if total == 0 && len(f) == 0 {
		f.Bad("numbers", "at least one phone, fax or mobile number is required")
	}
	if err := f.Err("the entry is incomplete or malformed"); err != nil {
		return store.NewResource{}, err
	}
	return nr, nil
}

// Keep is what an edit leaves a field at: the new value when one is given,
// else the current one.
func Keep(v *string, current string) string {
	if v == nil {
		return current
	}
	return *v
}
