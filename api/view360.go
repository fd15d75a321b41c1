package api

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
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
	Story        []StoryItem       `json:"story"`
}

func view360(v customers.Customer360, viewer people.User, now time.Time) View360 {
	out := View360{Resource: resourceView(v.Resource, viewer, now), Masked: !v.Whole, Deadlines: []DeadlineView{},
		Notes: []NoteView{}, History: []HistoryView{}, Applications: []ApplicationView{}, Collisions: []CollisionView{},
		Referrals: []ReferralView{}, Story: []StoryItem{}}
	if !v.Whole {
		out.Resource = ResourceView{ID: v.Resource.ID, Name: v.Resource.Name, Sea: v.Resource.Sea, Owner: ownerView(v.Resource.Owner), Masked: true}
		return out
	}
	out.Deadlines = deadlines(v, now)
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
	out.Story = append(out.Story, story(v)...)
	return out
}

// deadlines are the resource's open deadlines: its protection and an open
// name correction, with the rule versions that set them.
func deadlines(v customers.Customer360, now time.Time) []DeadlineView {
	out := []DeadlineView{}
	r := v.Resource
	if r.ProtectedUntil != nil && r.SignedAt == nil {
		out = append(out, DeadlineView{Kind: "protection", At: *r.ProtectedUntil, Rule: r.ProtectionRule,
			RuleVersion: r.ProtectionVersion, DaysLeft: sea.DaysLeft(now, *r.ProtectedUntil)})
	}
	for _, a := range v.Applications {
		if a.State == application.Approved && a.Deadline != nil && a.Mode != nil && *a.Mode == application.ModeAssign {
			out = append(out, DeadlineView{Kind: "name_correction", At: *a.Deadline, Rule: deref(a.DeadlineRule),
				RuleVersion: deref(a.DeadlineVersion), DaysLeft: sea.DaysLeft(now, *a.Deadline)})
		}
	}
	return out
}

// story merges everything that happened to the resource into one list,
// oldest first; equal times keep the order of the sources.
func story(v customers.Customer360) []StoryItem {
	var out []StoryItem
	for _, a := range v.Applications {
		for _, e := range a.Events {
			var d struct {
				Rule        string `json:"rule"`
				RuleVersion string `json:"rule_version"`
			}
			_ = json.Unmarshal(e.Detail, &d)
			out = append(out, StoryItem{At: e.At, Kind: "application", Event: e.Event, Actor: ownerView(e.Actor),
				Summary: fmt.Sprintf("application %d (%s, %s)", a.ID, a.Type, a.Name), Rule: d.Rule, RuleVersion: d.RuleVersion})
		}
	}
	for _, h := range v.History {
		to := "the public sea"
		if h.To != nil {
			to = h.To.Name
		}
		out = append(out, StoryItem{At: h.At, Kind: "ownership", Event: h.Path, Actor: ownerView(h.Actor),
			Summary: joinReason("to "+to, h.Reason), Rule: h.Rule, RuleVersion: h.RuleVersion})
	}
	for _, e := range v.Audit {
		out = append(out, auditStory(e))
	}
	for _, n := range v.Notes {
		out = append(out, StoryItem{At: n.CreatedAt, Kind: "note", Event: n.Channel, Actor: ownerView(&n.Author), Summary: n.Summary})
	}
	for _, c := range v.Collisions {
		out = append(out, StoryItem{At: c.At, Kind: "collision", Event: c.Action, Actor: ownerView(c.Actor), Summary: c.Key.Type + " " + c.Key.Value})
	}
	for _, r := range v.Referrals {
		out = append(out, StoryItem{At: r.CreatedAt, Kind: "referral", Event: "referred", Actor: ownerView(&r.From), Summary: r.Note})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

func joinReason(s, reason string) string {
	if reason == "" {
		return s
	}
	return s + ": " + reason
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
