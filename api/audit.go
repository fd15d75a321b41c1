package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/auditlog"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// Audit reads the append-only audit log; auditlog.Service implements it.
type Audit interface {
	List(ctx context.Context, actor people.User, f auditlog.Filter) ([]auditlog.Record, error)
}

// AuditView is one line of the audit log.
type AuditView struct {
	ID      int64           `json:"id"`
	At      time.Time       `json:"at"`
	Actor   *OwnerView      `json:"actor"` // null: the system or the command line
	Action  string          `json:"action"`
	Subject string          `json:"subject"`
	Detail  json.RawMessage `json:"detail"`
}

// listAudit lists the audit log newest first: subject, action (a prefix)
// and actor (a username) narrow it; before (an id) pages it.
func (h handlers) listAudit(c *gin.Context) {
	f := auditlog.Filter{Subject: c.Query("subject"), Action: c.Query("action")}
	var fields []fault.FieldError
	if v := c.Query("before"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			fields = append(fields, fault.FieldError{Field: "before", Reason: "must be an audit line id"})
		}
		f.Before = id
	}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			fields = append(fields, fault.FieldError{Field: "limit", Reason: "must be 1 to 500"})
		}
		f.Limit = n
	}
	if len(fields) > 0 {
		fail(c, fault.Invalidf(fields, "bad filter"))
		return
	}
	if name := c.Query("actor"); name != "" {
		u, err := h.d.Accounts.User(c.Request.Context(), name)
		if err != nil {
			fail(c, err)
			return
		}
		f.ActorID = u.ID
	}
	rows, err := h.d.Audit.List(c.Request.Context(), caller(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(rows, func(r auditlog.Record) AuditView {
		return AuditView{ID: r.ID, At: r.At, Actor: ownerView(r.Actor), Action: r.Action, Subject: r.Subject, Detail: r.Detail}
	})})
}
