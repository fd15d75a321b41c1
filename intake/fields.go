package intake

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/phone"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// Fields collects every problem of a request, so one answer names them all.
type Fields []fault.FieldError

// Bad names a field and what is wrong with it.
func (f *Fields) Bad(field, reason string) {
	*f = append(*f, fault.FieldError{Field: field, Reason: reason})
}

// Err is an Invalid fault naming every field collected, with detail (a
// literal text: the catalogue's key); nil when there is none.
func (f Fields) Err(detail string) error {
	if len(f) == 0 {
		return nil
	}
	e := fault.Wrap(nil, fault.Invalid, detail) // detail is a literal text, the catalogue's key
	e.Fields = f
	return e
}

// ParseField reads one number field of type typ (mobile, landline or fax).
// One field may hold several numbers ("0512-65881234/65881235"); a bare
// local number takes its area code from region (R4).
func (f *Fields) ParseField(field, typ, value, region string) []resource.Number {
	if !phone.ValidType(typ) {
		f.Bad(field+".type", "must be mobile, landline or fax")
		return nil
	}
	if strings.TrimSpace(value) == "" {
		f.Bad(field+".value", "required")
		return nil
	}
	parsed, err := ParseNumbers(value, region)
	var pe *phone.Error
	switch {
	case errors.As(err, &pe): // in words the catalogue translates
		args := make([]any, len(pe.Args))
		for i, a := range pe.Args {
			if p, ok := a.(phone.Phrase); ok {
				a = fault.T(p.Format, p.Args...)
			}
			args[i] = a
		}
		*f = append(*f, fault.Field(field+".value", pe.Format, args...))
		return nil
	case err != nil:
		f.Bad(field+".value", err.Error())
		return nil
	}
	out := make([]resource.Number, 0, len(parsed))
	for _, n := range parsed {
		out = append(out, resource.Number{Type: typ, Raw: n.Input, Normalized: n.E164, Extension: n.Extension, Line: n.Line})
	}
	return out
}

// ParseNumbers reads a number field Area codes belong to prefecture
// cities, and a region is often a county-level city or a district (昆山,
// 吴中区): when a bare local number finds no city in the region, the
// prefecture the region lies in is tried.
func ParseNumbers(value, region string) ([]phone.Number, error) {
	parsed, err := phone.Parse(value, region)
	var pe *phone.Error
	if errors.As(err, &pe) && pe.Kind == phone.KindNoAreaCode {
		if city := namekey.Prefecture(region); city != "" {
			if again, err2 := phone.Parse(value, city); err2 == nil {
				return again, nil
			}
		}
	}
	return parsed, err
}

// Identity validates kind, name and region and parses the name (R3).
func (f *Fields) Identity(kind, name, region string) (resource.Identity, namekey.Parts) {
	id := resource.Identity{Kind: kind, Name: strings.TrimSpace(name), Region: strings.TrimSpace(region)}
	if kind != KindEnterprise && kind != KindIndividual {
		f.Bad("kind", `must be "enterprise" or "individual"`)
	}
	var parts namekey.Parts
	switch {
	case id.Name == "":
		f.Bad("name", "required: the company name, or the person's name for an individual")
	case len([]rune(id.Name)) > 200:
		f.Bad("name", "at most 200 characters")
	default:
		parts = namekey.Parse(id.Name)
		if parts.Key == "" {
			f.Bad("name", "has no letters or digits to make a company key from")
		}
	}
	if id.Region == "" {
		f.Bad("region", "required")
	}
	id.CompanyKey = parts.Key
	id.Parts = resource.NameParts{Region: parts.Region, TradeName: parts.TradeName, Industry: parts.Industry, OrgForm: parts.OrgForm}
	return id, parts
}

// Numbers parses the resource's own number list.
func (f *Fields) Numbers(ns []EntryNumber, region string) []resource.Number {
	var out []resource.Number
	for i, n := range ns {
		out = append(out, f.ParseField(fmt.Sprintf("numbers[%d]", i), n.Type, n.Value, region)...)
	}
	return out
}

// ContactNumbers parses a contact's three number Fields.
func (f *Fields) ContactNumbers(field string, c EntryContact, region string) []resource.Number {
	var out []resource.Number
	if field != "" {
		field += "."
	}
	for _, tv := range [][2]string{{phone.Mobile, c.Mobile}, {phone.Landline, c.Landline}, {phone.Fax, c.Fax}} {
		if strings.TrimSpace(tv[1]) != "" {
			out = append(out, f.ParseField(field+tv[0], tv[0], tv[1], region)...)
		}
	}
	return out
}

// Contact validates one contact and parses its numbers; field prefixes the
// names of its Fields in errors ("" for a contact on its own).
func (f *Fields) Contact(field string, c EntryContact, region string) store.NewContact {
	name := func(n string) string {
		if field == "" {
			return n
		}
		return field + "." + n
	}
	nc := store.NewContact{Name: strings.TrimSpace(c.Name), Title: strings.TrimSpace(c.Title),
		Email: strings.TrimSpace(c.Email), TradeManagerID: strings.TrimSpace(c.TradeManagerID)}
	switch {
	case nc.Name == "":
		f.Bad(name("name"), "required")
	case len([]rune(nc.Name)) > 100:
		f.Bad(name("name"), "at most 100 characters")
	}
	if len([]rune(nc.Title)) > 100 {
		f.Bad(name("title"), "at most 100 characters")
	}
	if nc.Email != "" {
		if a, err := mail.ParseAddress(nc.Email); err != nil || a.Address != nc.Email {
			f.Bad(name("email"), "not an email address")
		}
	}
	if len(nc.TradeManagerID) > 64 {
		f.Bad(name("trade_manager_id"), "at most 64 characters")
	}
	nc.Numbers = f.ContactNumbers(field, c, region)
	return nc
}
