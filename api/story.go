package api

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/resource"
)

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
}

// auditStory tells one audited action as a story item: a sentence, and the
// rule version when one decided.
func auditStory(e resource.AuditEntry) StoryItem {
	var d auditDetail
	_ = json.Unmarshal(e.Detail, &d) // a detail of another shape tells less, never fails the 360
	item := StoryItem{At: e.At, Kind: "edit", Event: e.Action, Actor: ownerView(e.Actor), Rule: d.Rule, RuleVersion: d.RuleVersion}
	switch e.Action {
	case "resource.identity":
		item.Summary = "identity edited"
		if d.Before.Name != d.After.Name {
			item.Summary = fmt.Sprintf("renamed %s → %s", d.Before.Name, d.After.Name)
		}
		if d.NameCorrection {
			item.Summary += " (the name correction)"
		}
	case "resource.contact_add":
		item.Summary = "contact added: " + d.After.Name
	case "resource.contact_edit":
		item.Summary = "contact edited: " + d.After.Name
	case "resource.contact_remove":
		item.Summary = "contact removed: " + d.Before.Name
	case "resource.reschedule":
		if d.ProtectedUntil != nil {
			item.Summary = "protection moved to " + d.ProtectedUntil.In(china.Zone).Format("2006-01-02 15:04")
		}
	case "resource.sign":
		item.Summary = "signed: the protection no longer expires"
	case "resource.confirm_kind":
		item.Summary = fmt.Sprintf("kind confirmed: %s (record %d closed)", d.Kind, d.Closed)
	}
	if d.Search != nil {
		item.Summary += fmt.Sprintf("; search: %d keys, %d hits", d.Search.Keys, d.Search.Hits)
	}
	return item
}
