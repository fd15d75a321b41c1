package api

import (
	"time"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
)

// views converts each of xs with view; never nil, so an empty list is [].
func views[T, V any](xs []T, view func(T) V) []V {
	out := make([]V, 0, len(xs))
	for _, x := range xs {
		out = append(out, view(x))
	}
	return out
}

// UserView is a user as others see them.
type UserView struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     string `json:"role"`
}

// MeView is the caller's own record with their personal information (R21).
type MeView struct {
	UserView
	Email          *string    `json:"email"`
	Mobile         *string    `json:"mobile"`
	TradeManagerID *string    `json:"trade_manager_id"`
	ConfirmedAt    *time.Time `json:"confirmed_at"`
}

func userView(u people.User) UserView {
	return UserView{ID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role}
}

func meView(u people.User) MeView {
	return MeView{UserView: userView(u), Email: u.Email, Mobile: u.Mobile, TradeManagerID: u.TradeManagerID, ConfirmedAt: u.ConfirmedAt}
}

// OwnerView names an owner, nothing more.
type OwnerView struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func ownerView(o *people.UserRef) *OwnerView {
	if o == nil {
		return nil
	}
	return &OwnerView{ID: o.ID, Name: o.Name}
}

// NumberView is one number as typed and in normal form.
type NumberView struct {
	Type       string `json:"type"`
	Value      string `json:"value"`
	Normalized string `json:"normalized"`
	Extension  string `json:"extension,omitempty"`
	Line       string `json:"line"`
	ContactID  *int64 `json:"contact_id,omitempty"`
}

func numberViews(ns []resource.Number) []NumberView {
	out := make([]NumberView, 0, len(ns))
	for _, n := range ns {
		out = append(out, NumberView{Type: n.Type, Value: n.Raw, Normalized: n.Normalized, Extension: n.Extension,
			Line: n.Line, ContactID: n.ContactID})
	}
	return out
}

// ContactView is one contact.
// Its numbers are among the resource's numbers, with its contact_id.
type ContactView struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	Title          string `json:"title,omitempty"`
	Email          string `json:"email,omitempty"`
	TradeManagerID string `json:"trade_manager_id,omitempty"`
}

// ResourceView is a resource. Masked views (another rep's private resource)
// carry id, name, sea and owner only, like a collision answer (R5).
type ResourceView struct {
	ID             int64         `json:"id"`
	Name           string        `json:"name"`
	Sea            string        `json:"sea"`
	Owner          *OwnerView    `json:"owner"`
	Mine           bool          `json:"mine"`
	Masked         bool          `json:"masked,omitempty"`
	Kind           string        `json:"kind,omitempty"`
	Region         string        `json:"region,omitempty"`
	CompanyKey     string        `json:"company_key,omitempty"`
	Parts          *PartsView    `json:"parts,omitempty"`
	ProtectedUntil *time.Time    `json:"protected_until,omitempty"`
	CorrectNameBy  *time.Time    `json:"correct_name_by,omitempty"` // R10: the name must be corrected before it
	LastContactAt  *time.Time    `json:"last_contact_at,omitempty"` // the latest contact note's time (R19)
	DaysLeft       *int          `json:"days_left,omitempty"`
	SignedAt       *time.Time    `json:"signed_at,omitempty"`
	NumbersMasked  bool          `json:"numbers_masked,omitempty"`
	TwinOf         *int64        `json:"twin_of,omitempty"` // the enterprise record of a dual pair (R7)
	TwinID         *int64        `json:"twin_id,omitempty"` // the individual twin of a dual pair
	CreatedAt      *time.Time    `json:"created_at,omitempty"`
	UpdatedAt      *time.Time    `json:"updated_at,omitempty"`
	Numbers        []NumberView  `json:"numbers,omitempty"`
	Contacts       []ContactView `json:"contacts,omitempty"`
}

// resourceView converts r for viewer, showing what the service's sight
// allows: whole, public (numbers' last four digits) or as a collision
// answer (id, name, sea, owner).
func resourceView(r resource.Resource, viewer people.User, now time.Time) ResourceView {
	v := ResourceView{ID: r.ID, Name: r.Name, Sea: r.Sea, Owner: ownerView(r.Owner)}
	v.Mine = r.Owner != nil && r.Owner.ID == viewer.ID
	sight := sea.SightOf(viewer, r)
	if sight == sea.SightCollision {
		v.Masked = true
		return v
	}
	v.Kind, v.Region, v.CompanyKey = r.Kind, r.Region, r.CompanyKey
	v.Parts = &PartsView{Region: r.Parts.Region, TradeName: r.Parts.TradeName, Industry: r.Parts.Industry, OrgForm: r.Parts.OrgForm}
	v.ProtectedUntil, v.CorrectNameBy = r.ProtectedUntil, r.CorrectBy
	if d, ok := sea.ProtectionLeft(r, now); ok {
		v.DaysLeft = &d
	}
	v.SignedAt, v.LastContactAt = r.SignedAt, r.LastContactAt
	v.TwinOf, v.TwinID = r.TwinOf, r.TwinID
	v.CreatedAt, v.UpdatedAt = &r.CreatedAt, &r.UpdatedAt
	if len(r.Numbers) > 0 {
		v.Numbers = numberViews(r.Numbers)
	}
	for _, c := range r.Contacts {
		v.Contacts = append(v.Contacts, ContactView{ID: c.ID, Name: c.Name, Title: c.Title, Email: c.Email, TradeManagerID: c.TradeManagerID})
	}
	if sight == sea.SightPublic {
		maskPublic(&v)
	}
	return v
}

// maskPublic hides what a public resource would give away before it is
// picked: its numbers show only their last four digits, its contacts only
// their names. A rep sees enough to choose, and takes responsibility for the
// customer (and the protection rules) by picking it; the collision search
// still compares the full numbers on the server.
func maskPublic(v *ResourceView) {
	v.NumbersMasked = true
	for i := range v.Numbers {
		v.Numbers[i].Value = sea.MaskDigits(v.Numbers[i].Value)
		v.Numbers[i].Normalized = sea.MaskDigits(v.Numbers[i].Normalized)
		v.Numbers[i].Extension = ""
	}
	for i := range v.Contacts {
		v.Contacts[i].Title, v.Contacts[i].Email, v.Contacts[i].TradeManagerID = "", "", ""
	}
}

// HitView is one collision hit: which resource, on what, and whose (R5).
// It never carries the other resource's numbers, contacts or notes.
type HitView struct {
	ResourceID int64 `json:"resource_id,omitempty"`
	// ApplicationID is set when the key is reserved by an open application
	// (then resource_id and sea are absent and Owner is the rep it was filed for).
	ApplicationID int64      `json:"application_id,omitempty"`
	Name          string     `json:"name"`
	MatchedOn     string     `json:"matched_on"` // company_key or number
	Value         string     `json:"value"`
	Sea           string     `json:"sea,omitempty"`
	Owner         *OwnerView `json:"owner"`
	Mine          bool       `json:"mine"`
}

// MaybeView is a possible duplicate (疑似撞单): what a hit shows of the
// resource, with the score and the reasons in words.
type MaybeView struct {
	ResourceID int64             `json:"resource_id"`
	Name       string            `json:"name"`
	Sea        string            `json:"sea"`
	Owner      *OwnerView        `json:"owner"`
	Mine       bool              `json:"mine"`
	Score      int               `json:"score"`
	Reasons    []likeness.Reason `json:"reasons"`
	Rule       string            `json:"rule"`
}

func maybeViews(ms []sea.Maybe, viewerID int64) []MaybeView {
	out := make([]MaybeView, 0, len(ms))
	for _, m := range ms {
		out = append(out, MaybeView{ResourceID: m.ResourceID, Name: m.Name, Sea: m.Sea, Owner: ownerView(m.Owner),
			Mine: m.Owner != nil && m.Owner.ID == viewerID, Score: m.Score, Reasons: m.Reasons, Rule: m.Rule})
	}
	return out
}

func hitViews(hits []collision.Hit, viewerID int64) []HitView {
	out := make([]HitView, 0, len(hits))
	for _, h := range hits {
		on := "number"
		if h.Key.Type == collision.KeyCompany {
			on = "company_key"
		}
		out = append(out, HitView{ResourceID: h.ResourceID, ApplicationID: h.ApplicationID, Name: h.Name, MatchedOn: on, Value: h.Key.Value,
			Sea: h.Sea, Owner: ownerView(h.Owner), Mine: h.Owner != nil && h.Owner.ID == viewerID})
	}
	return out
}
