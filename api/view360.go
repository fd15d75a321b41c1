package api

import (
	"time"

	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// NoteView is a contact note with its earlier texts.
type NoteView struct {
	ID          int64              `json:"id"`
	Author      OwnerView          `json:"author"`
	At          time.Time          `json:"at"`
	Channel     string             `json:"channel"`
	ContactID   *int64             `json:"contact_id"`
	ContactName string             `json:"contact_name,omitempty"`
	Summary     string             `json:"summary"`
	NextStep    string             `json:"next_step,omitempty"`
	NextAt      *time.Time         `json:"next_at,omitempty"`
	Revision    int                `json:"revision"`
	CreatedAt   time.Time          `json:"created_at"`
	RevisedAt   *time.Time         `json:"revised_at,omitempty"`
	Earlier     []NoteRevisionView `json:"earlier,omitempty"` // the texts an edit replaced, oldest first
}

// NoteRevisionView is a note's text before an edit.
type NoteRevisionView struct {
	Revision   int        `json:"revision"`
	At         time.Time  `json:"at"`
	Channel    string     `json:"channel"`
	ContactID  *int64     `json:"contact_id"`
	Summary    string     `json:"summary"`
	NextStep   string     `json:"next_step,omitempty"`
	NextAt     *time.Time `json:"next_at,omitempty"`
	ReplacedAt time.Time  `json:"replaced_at"`
	ReplacedBy OwnerView  `json:"replaced_by"`
}

func noteView(n resource.Note) NoteView {
	v := NoteView{ID: n.ID, Author: OwnerView(n.Author), At: n.At, Channel: n.Channel, ContactID: n.ContactID,
		ContactName: n.ContactName, Summary: n.Summary, NextStep: n.NextStep, NextAt: n.NextAt, Revision: n.Revision,
		CreatedAt: n.CreatedAt, RevisedAt: n.RevisedAt}
	for _, r := range n.Earlier {
		v.Earlier = append(v.Earlier, NoteRevisionView{Revision: r.Revision, At: r.At, Channel: r.Channel, ContactID: r.ContactID,
			Summary: r.Summary, NextStep: r.NextStep, NextAt: r.NextAt, ReplacedAt: r.ReplacedAt, ReplacedBy: OwnerView(r.ReplacedBy)})
	}
	return v
}

// DeadlineView is a current deadline with the rule version that set it.
type DeadlineView struct {
	Kind        string    `json:"kind"` // protection, name_correction (R10), entry (R9)
	At          time.Time `json:"at"`
	Rule        string    `json:"rule"`
	RuleVersion string    `json:"rule_version"`
	DaysLeft    int       `json:"days_left"`
}

// CollisionView is a collision a resource met.
type CollisionView struct {
	At               time.Time  `json:"at"`
	Actor            *OwnerView `json:"actor"`
	Action           string     `json:"action"`
	ResourceID       *int64     `json:"resource_id,omitempty"` // the resource edited
	HitResourceID    *int64     `json:"hit_resource_id,omitempty"`
	HitApplicationID *int64     `json:"hit_application_id,omitempty"`
	KeyType          string     `json:"key_type"`
	Key              string     `json:"key"`
}

// StoryItem is one event of a resource's story, in time order.
type StoryItem struct {
	At          time.Time  `json:"at"`
	Kind        string     `json:"kind"` // ownership, application, note, edit, collision, referral
	Event       string     `json:"event"`
	Actor       *OwnerView `json:"actor"` // null: the system
	Summary     string     `json:"summary"`
	Rule        string     `json:"rule,omitempty"`
	RuleVersion string     `json:"rule_version,omitempty"`
}

// View360 is a resource whole (R20). Masked: the caller sees only what a
// collision answer shows, and nothing but resource is filled.
type View360 struct {
	Resource     ResourceView      `json:"resource"`
	Masked       bool              `json:"masked,omitempty"`
	Deadlines    []DeadlineView    `json:"deadlines"`
	Notes        []NoteView        `json:"notes"`
	History      []HistoryView     `json:"history"`
	Applications []ApplicationView `json:"applications"`
	Collisions   []CollisionView   `json:"collisions"`
	Referrals    []ReferralView    `json:"referrals"`
	Duplicates   []DuplicateView   `json:"duplicates"`
	Story        []StoryItem       `json:"story"`
}

func view360(v customers.Customer360, viewer people.User, now time.Time) View360 {
	out := View360{Resource: resourceView(v.Resource, viewer, now), Masked: !v.Whole, Deadlines: []DeadlineView{},
		Notes: []NoteView{}, History: []HistoryView{}, Applications: []ApplicationView{}, Collisions: []CollisionView{},
		Referrals: []ReferralView{}, Duplicates: []DuplicateView{}, Story: []StoryItem{}}
	if !v.Whole {
		out.Resource = ResourceView{ID: v.Resource.ID, Name: v.Resource.Name, Sea: v.Resource.Sea, Owner: ownerView(v.Resource.Owner), Masked: true}
		return out
	}
	out.Deadlines = deadlineViews(v, now)
	out.History = historyViews(v.History)
	out.Notes = views(v.Notes, noteView)
	for _, a := range v.Applications {
		av := applicationView(a.Application)
		av.History = eventViews(a.Events)
		out.Applications = append(out.Applications, av)
	}
	for _, c := range v.Collisions {
		out.Collisions = append(out.Collisions, CollisionView{At: c.At, Actor: ownerView(c.Actor), Action: c.Action, ResourceID: c.ResourceID,
			HitResourceID: c.HitResourceID, HitApplicationID: c.HitAppID, KeyType: c.Key.Type, Key: c.Key.Value})
	}
	out.Referrals = views(v.Referrals, referralView)
	out.Duplicates = views(v.Duplicates, duplicateView)
	out.Story = storyViews(v)
	return out
}

// storyViews are the 360's story in English, the API's language of texts.
func storyViews(v customers.Customer360) []StoryItem {
	out := []StoryItem{}
	for _, it := range v.Story() {
		out = append(out, StoryItem{At: it.At, Kind: it.Kind, Event: it.Event, Actor: ownerView(it.Actor),
			Summary: it.Summary.String(), Rule: it.Rule, RuleVersion: it.RuleVersion})
	}
	return out
}

func deadlineViews(v customers.Customer360, now time.Time) []DeadlineView {
	out := []DeadlineView{}
	for _, d := range v.Deadlines(now) {
		out = append(out, DeadlineView{Kind: d.Kind, At: d.At, Rule: d.Rule, RuleVersion: d.RuleVersion, DaysLeft: d.DaysLeft})
	}
	return out
}
