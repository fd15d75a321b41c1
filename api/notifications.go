package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/people"
)

// NotificationView is one notification.
type NotificationView struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Subject   string     `json:"subject"`
	Body      string     `json:"body"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

func (h handlers) listNotifications(c *gin.Context) {
	ns, err := h.d.Accounts.Notifications(c.Request.Context(), callerID(c), c.Query("unread") == "true")
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(ns, func(n people.Notification) NotificationView { return NotificationView(n) })})
}

func (h handlers) readNotification(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	if err := h.d.Accounts.MarkRead(c.Request.Context(), callerID(c), id); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h handlers) signResource(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	respond(c, http.StatusOK)(h.d.Seas.Sign(c.Request.Context(), caller(c), id))
}

type confirmRequest struct {
	Kind string `json:"kind"`
}

// confirmKind settles a dual record (R7) and answers the record kept.
func (h handlers) confirmKind(c *gin.Context) {
	var req confirmRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	respond(c, http.StatusOK)(h.d.Seas.ConfirmKind(c.Request.Context(), caller(c), id, req.Kind))
}
