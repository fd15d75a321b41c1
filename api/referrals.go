package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/referrals"
)

type referralRequest struct {
	ResourceID int64       `json:"resource_id"`
	Note       string      `json:"note"`
	Lead       leadRequest `json:"lead"`
}

type leadRequest struct {
	Company  string `json:"company"`
	Contact  string `json:"contact"`
	Mobile   string `json:"mobile"`
	Landline string `json:"landline"`
	Fax      string `json:"fax"`
	Email    string `json:"email"`
}

// ReferralView is one referral (R5).
type ReferralView struct {
	ID         int64          `json:"id"`
	ResourceID int64          `json:"resource_id"`
	Resource   string         `json:"resource_name"`
	From       OwnerView      `json:"from"`
	To         OwnerView      `json:"to"`
	Note       string         `json:"note"`
	Lead       map[string]any `json:"lead"`
	CreatedAt  time.Time      `json:"created_at"`
}

func referralView(r collision.Referral) ReferralView {
	return ReferralView{ID: r.ID, ResourceID: r.ResourceID, Resource: r.Resource,
		From: OwnerView(r.From), To: OwnerView(r.To), Note: r.Note, Lead: r.Lead, CreatedAt: r.CreatedAt}
}

func (h handlers) refer(c *gin.Context) {
	var req referralRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	if req.ResourceID <= 0 {
		fail(c, fault.Invalidf([]fault.FieldError{{Field: "resource_id", Reason: "required: the resource the lead collided with"}}, "which resource?"))
		return
	}
	r, err := h.d.Referrals.Refer(c.Request.Context(), caller(c), req.ResourceID, req.Note, referrals.Lead(req.Lead))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, referralView(r))
}

// listReferrals answers the referrals handed to the caller (box=received,
// the default) or made by the caller (box=sent).
func (h handlers) listReferrals(c *gin.Context) {
	var rs []collision.Referral
	var err error
	switch c.DefaultQuery("box", "received") {
	case "received":
		rs, err = h.d.Referrals.Received(c.Request.Context(), callerID(c))
	case "sent":
		rs, err = h.d.Referrals.Sent(c.Request.Context(), callerID(c))
	default:
		err = fault.Invalidf([]fault.FieldError{{Field: "box", Reason: `must be "received" or "sent"`}}, "bad list parameters")
	}
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(rs, referralView)})
}
