package customers

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
)

// StoryItem is one event of a resource's story (R20). Summary is a text to
// be translated by whoever shows it: the API answers it in English, the
// console in the reader's language, so both tell the same story.
type StoryItem struct {
	At          time.Time
	Kind        string // ownership, application, note, edit, collision, referral
	Event       string
	Actor       *people.UserRef // nil: the system
	Summary     fault.Text
	Rule        string
	RuleVersion string
}

// Story merges everything that happened to the resource into one list,
// oldest first; equal times keep the order of the sources.
func (v Customer360) Story() []StoryItem {
	var out []StoryItem
	for _, a := range v.Applications {
		for _, e := range a.Events {
			var d struct {
				Rule        string `json:"rule"`
				RuleVersion string `json:"rule_version"`
			}
			_ = json.Unmarshal(e.Detail, &d) // a detail of another shape names no rule
			out = append(out, StoryItem{At: e.At, Kind: "application", Event: e.Event, Actor: e.Actor,
				Summary: fault.T("application %d (%s, %s)", a.ID, a.Type, a.Name), Rule: d.Rule, RuleVersion: d.RuleVersion})
		}
	}
	for _, h := range v.History {
		to := fault.T("the public sea")
		if h.To != nil {
			to = fault.T("%s", h.To.Name)
		}
		sum := fault.T("to %s", to)
		if h.Reason != "" {
			sum = fault.T("to %s: %s", to, h.Reason)
		}
		out = append(out, StoryItem{At: h.At, Kind: "ownership", Event: h.Path, Actor: h.Actor, Summary: sum,
			Rule: h.Rule, RuleVersion: h.RuleVersion})
	}
	for _, e := range v.Audit {
		out = append(out, auditStory(e))
	}
	for _, n := range v.Notes {
		author := n.Author
		out = append(out, StoryItem{At: n.CreatedAt, Kind: "note", Event: n.Channel, Actor: &author, Summary: fault.T("%s", n.Summary)})
	}
	for _, c := range v.Collisions {
		out = append(out, StoryItem{At: c.At, Kind: "collision", Event: c.Action, Actor: c.Actor,
			Summary: fault.T("%s %s", or(keyWords[c.Key.Type], fault.T("%s", c.Key.Type)), c.Key.Value)})
	}
	for _, r := range v.Referrals {
		from := r.From
		out = append(out, StoryItem{At: r.CreatedAt, Kind: "referral", Event: "referred", Actor: &from, Summary: fault.T("%s", r.Note)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// keyWords name a collision key's type.
var keyWords = map[string]fault.Text{collision.KeyCompany: fault.T("company"), collision.KeyNumber: fault.T("number")}

func or(t fault.Text, other fault.Text) fault.Text {
	if t.Format == "" {
		return other
	}
	return t
}

// Deadline is a resource's open deadline with the rule version that set it.
type Deadline struct {
	Kind        string // protection, name_correction (R10)
	At          time.Time
	Rule        string
	RuleVersion string
	DaysLeft    int
}

// Deadlines are the resource's open deadlines at now: its protection
// unless signed, and the name correction an approved assignment left open.
func (v Customer360) Deadlines(now time.Time) []Deadline {
	var out []Deadline
	r := v.Resource
	if r.ProtectedUntil != nil && r.SignedAt == nil {
		out = append(out, Deadline{Kind: "protection", At: *r.ProtectedUntil, Rule: r.ProtectionRule,
			RuleVersion: r.ProtectionVersion, DaysLeft: sea.DaysLeft(now, *r.ProtectedUntil)})
	}
	for _, a := range v.Applications {
		if a.State == application.Approved && a.Deadline != nil && a.Mode != nil && *a.Mode == application.ModeAssign {
			out = append(out, Deadline{Kind: "name_correction", At: *a.Deadline, Rule: deref(a.DeadlineRule),
				RuleVersion: deref(a.DeadlineVersion), DaysLeft: sea.DaysLeft(now, *a.Deadline)})
		}
	}
	return out
}

// NameCorrectionDue reports whether the resource waits for its name to be
// corrected (R10): an identity edit of the name settles it.
func (v Customer360) NameCorrectionDue(now time.Time) bool {
	for _, d := range v.Deadlines(now) {
		if d.Kind == "name_correction" {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// auditDetail is what the audited actions the 360 tells record; each
// action fills its own fields.
type auditDetail struct {
	Rule        string `json:"rule"`
	RuleVersion string `json:"rule_version"`
	Before      struct {
		Name string `json:"name"`
	} `json:"before"`
	After struct {
		Name  string `json:"name"`
		Title string `json:"title"`
	} `json:"after"`
	Search *struct {
		Keys int `json:"keys"`
		Hits int `json:"hits"`
	} `json:"search"`
	NameCorrection bool       `json:"name_correction"`
	ProtectedUntil *time.Time `json:"protected_until"`
	Kind           string     `json:"kind"`
	Closed         int64      `json:"closed"`
	Other          int64      `json:"other"` // resource.duplicate: the other resource of the pair
	Moved          bool       `json:"moved"`
}
