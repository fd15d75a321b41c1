package sea

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/resource"
)

// Query is what a collision search looks for: any of a name, numbers and
// contacts' numbers, as a rep would type them before an entry.
type Query struct {
	Kind, Name, Region string
	Numbers            []intake.EntryNumber
	Contacts           []intake.EntryContact
}

// Result is a collision search's answer: the key and parts the name parsed
// into, every number in normal form, every stored resource holding one of
// those keys (R2), and the possible duplicates among the others (疑似撞单),
// strongest first.
type Result struct {
	Parts   namekey.Parts // zero when no name was given
	Numbers []resource.Number
	Hits    []collision.Hit
	Maybe   []Maybe
}

// Search runs the collision search over all customers, both seas and every
// owner (R1, R2), and looks for possible duplicates (疑似撞单) in the same
// round trip. It decides nothing: entry, pick and edits run the same
// lookup inside their own transactions.
func (s *Service) Search(ctx context.Context, q Query) (Result, error) {
	var f intake.Fields
	var res Result
	var keys []collision.Key
	if q.Kind != "" && q.Kind != intake.KindEnterprise && q.Kind != intake.KindIndividual && q.Kind != intake.KindUnknown {
		f.Bad("kind", `must be "enterprise", "individual" or "unknown" when given`)
	}
	if name := strings.TrimSpace(q.Name); name != "" {
		res.Parts = namekey.Parse(name)
		if res.Parts.Key == "" {
			f.Bad("name", "has no letters or digits to make a company key from")
		} else {
			keys = append(keys, collision.Key{Type: collision.KeyCompany, Value: res.Parts.Key})
		}
	}
	res.Numbers = f.Numbers(q.Numbers, q.Region)
	for i, c := range q.Contacts {
		res.Numbers = append(res.Numbers, f.ContactNumbers(fmt.Sprintf("contacts[%d]", i), c, q.Region)...)
	}
	for _, n := range res.Numbers {
		keys = append(keys, collision.Key{Type: collision.KeyNumber, Value: n.Normalized})
	}
	if len(keys) == 0 && len(f) == 0 {
		f.Bad("name", "give a name or at least one number to search for")
	}
	if err := f.Err("the search is malformed"); err != nil {
		return Result{}, err
	}
	var names, emails []string
	for _, c := range q.Contacts {
		names, emails = append(names, c.Name), append(emails, c.Email)
	}
	p := likeness.New(0, strings.TrimSpace(q.Name), res.Parts, q.Region, names, emails)
	start := time.Now()
	hits, sketches, holders, err := s.Store.FindHitsAndMeet(ctx, keys, likeness.Probes(p), maybeRows)
	if err != nil {
		return Result{}, err
	}
	metrics.Searches.Observe(metrics.Since(start))
	res.Hits = hits
	sketches = slices.DeleteFunc(sketches, func(sk likeness.Sketch) bool {
		return slices.ContainsFunc(hits, func(h collision.Hit) bool { return h.ResourceID == sk.ID })
	})
	res.Maybe, err = s.maybeOf(ctx, p, sketches, holders, MetInSearch)
	return res, err
}

// FindByNumber returns the resource holding a number, typed any way (R18).
func (s *Service) FindByNumber(ctx context.Context, raw string) (resource.Resource, error) {
	var f intake.Fields
	ns := f.ParseField("number", "landline", raw, "")
	if err := f.Err("the number cannot be read"); err != nil {
		return resource.Resource{}, err
	}
	if len(ns) != 1 {
		return resource.Resource{}, intake.Fields{{Field: "number", Reason: "give exactly one number"}}.Err("the number cannot be read")
	}
	id, err := s.Store.ResourceIDByNumber(ctx, ns[0].Normalized)
	if err != nil {
		return resource.Resource{}, err
	}
	return s.Store.GetResource(ctx, id)
}
