package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/resource"
)

// HistoryView is one ownership change with the rule version that decided it.
type HistoryView struct {
	Epoch       int        `json:"epoch"`
	At          time.Time  `json:"at"`
	Actor       *OwnerView `json:"actor"` // null: the system
	From        *OwnerView `json:"from"`
	To          *OwnerView `json:"to"`
	Path        string     `json:"path"`
	Reason      string     `json:"reason,omitempty"`
	Rule        string     `json:"rule,omitempty"`
	RuleVersion string     `json:"rule_version,omitempty"`
}

// resourceHistory answers a resource's ownership history to those who may
// see the resource whole: its owner, sales support and admins (R20); a
// resource in the public sea shows it to everyone.
func (h handlers) resourceHistory(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	hs, err := h.d.Seas.History(c.Request.Context(), caller(c), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": historyViews(hs)})
}

func historyViews(hs []resource.HistoryEntry) []HistoryView {
	out := make([]HistoryView, 0, len(hs))
	for _, e := range hs {
		out = append(out, HistoryView{Epoch: e.Epoch, At: e.At, Actor: ownerView(e.Actor), From: ownerView(e.From),
			To: ownerView(e.To), Path: e.Path, Reason: e.Reason, Rule: e.Rule, RuleVersion: e.RuleVersion})
	}
	return out
}
