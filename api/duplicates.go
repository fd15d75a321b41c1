package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
)

// DuplicateView is a possible duplicate raised to sales support (疑似撞单).
type DuplicateView struct {
	ID        int64             `json:"id"`
	Earlier   SideView          `json:"earlier"`
	Later     SideView          `json:"later"`
	Score     int               `json:"score"`
	Reasons   []likeness.Reason `json:"reasons"`
	Rule      string            `json:"rule"`
	Action    string            `json:"action"`
	RaisedBy  *OwnerView        `json:"raised_by"`
	RaisedAt  time.Time         `json:"raised_at"`
	State     string            `json:"state"`
	DecidedBy *OwnerView        `json:"decided_by"`
	DecidedAt *time.Time        `json:"decided_at"`
}

// SideView is one resource of a pair, as a hit shows it.
type SideView struct {
	ResourceID int64      `json:"resource_id"`
	Name       string     `json:"name"`
	Sea        string     `json:"sea"`
	Owner      *OwnerView `json:"owner"`
}

func duplicateView(r likeness.Review) DuplicateView {
	side := func(s likeness.Side) SideView {
		return SideView{ResourceID: s.ResourceID, Name: s.Name, Sea: s.Sea, Owner: ownerView(s.Owner)}
	}
	return DuplicateView{ID: r.ID, Earlier: side(r.Earlier), Later: side(r.Later), Score: r.Score,
		Reasons: append([]likeness.Reason{}, r.Reasons...), Rule: r.Rule, Action: r.Action, RaisedBy: ownerView(r.RaisedBy),
		RaisedAt: r.RaisedAt, State: r.State, DecidedBy: ownerView(r.DecidedBy), DecidedAt: r.DecidedAt}
}

func (h handlers) listDuplicates(c *gin.Context) {
	f := store.ReviewFilter{State: c.DefaultQuery("state", likeness.StateOpen), Limit: 100}
	switch f.State {
	case likeness.StateOpen, likeness.StateSame, likeness.StateDifferent:
	case "all":
		f.State = ""
	default:
		fail(c, fault.Invalidf([]fault.FieldError{{Field: "state", Reason: `must be "open", "same", "different" or "all"`}}, "the filter is malformed"))
		return
	}
	if s := c.Query("resource_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id < 1 {
			fail(c, fault.Invalidf([]fault.FieldError{{Field: "resource_id", Reason: "must be a resource's id"}}, "the filter is malformed"))
			return
		}
		f.ResourceID = id
	}
	rs, err := h.d.Duplicates.Reviews(c.Request.Context(), caller(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(rs, duplicateView)})
}

// decide answers a decision on a raised pair: "different" or "same".
func (h handlers) decide(how func(Duplicates, context.Context, people.User, int64) (likeness.Review, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id")
		if err != nil {
			fail(c, err)
			return
		}
		r, err := how(h.d.Duplicates, c.Request.Context(), caller(c), id)
		if err != nil {
			fail(c, err)
			return
		}
		c.JSON(http.StatusOK, duplicateView(r))
	}
}
