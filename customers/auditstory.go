package customers

import (
	"encoding/json"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/resource"
)

// auditStory tells one audited action as a story item: a sentence, and the
// rule version when one decided.
func auditStory(e resource.AuditEntry) StoryItem {
	var d auditDetail
	_ = json.Unmarshal(e.Detail, &d) // a detail of another shape tells less, never fails the 360
	item := StoryItem{At: e.At, Kind: "edit", Event: e.Action, Actor: e.Actor, Rule: d.Rule, RuleVersion: d.RuleVersion}
	switch e.Action {
	case "resource.identity":
		item.Summary = fault.T("identity edited")
		if d.Before.Name != d.After.Name {
			item.Summary = fault.T("renamed %s → %s", d.Before.Name, d.After.Name)
		}
		if d.NameCorrection {
			item.Summary = fault.T("%s (the name correction)", item.Summary)
		}
	case "resource.contact_add":
		item.Summary = fault.T("contact added: %s", d.After.Name)
	case "resource.contact_edit":
		item.Summary = fault.T("contact edited: %s", d.After.Name)
	case "resource.contact_remove":
		item.Summary = fault.T("contact removed: %s", d.Before.Name)
	case "resource.reschedule":
		if d.ProtectedUntil != nil {
			item.Summary = fault.T("protection moved to %s", china.Minute(*d.ProtectedUntil))
		}
	case "resource.sign":
		item.Summary = fault.T("signed: the protection no longer expires")
	case "resource.confirm_kind":
		item.Summary = fault.T("kind confirmed: %s (record %d closed)", d.Kind, d.Closed)
	case "resource.duplicate":
		item.Summary = fault.T("decided one company with resource %d (疑似撞单)", d.Other)
	}
	if d.Search != nil {
		item.Summary = fault.T("%s; search: %d keys, %d hits", item.Summary, d.Search.Keys, d.Search.Hits)
	}
	return item
}
