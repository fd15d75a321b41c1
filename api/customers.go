package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/customers"
)

type contactEditRequest struct {
	Name           *string `json:"name"`
	Title          *string `json:"title"`
	Email          *string `json:"email"`
	TradeManagerID *string `json:"trade_manager_id"`
	Mobile         *string `json:"mobile"`
	Landline       *string `json:"landline"`
	Fax            *string `json:"fax"`
}

// addContact adds a contact; the answer is the resource with it (201).
func (h handlers) addContact(c *gin.Context) {
	var req contactRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	cid, r, err := h.d.Customers.AddContact(c.Request.Context(), caller(c), id, req.entry())
	if err == nil {
		c.Header("X-Contact-ID", strconv.FormatInt(cid, 10))
	}
	respond(c, http.StatusCreated)(r, err)
}

func (h handlers) editContact(c *gin.Context) {
	var req contactEditRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	cid, err := pathID(c, "cid")
	if err != nil {
		fail(c, err)
		return
	}
	respond(c, http.StatusOK)(h.d.Customers.EditContact(c.Request.Context(), caller(c), id, cid, customers.ContactEdit(req)))
}

func (h handlers) removeContact(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	cid, err := pathID(c, "cid")
	if err != nil {
		fail(c, err)
		return
	}
	if err := h.d.Customers.RemoveContact(c.Request.Context(), caller(c), id, cid); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type noteRequest struct {
	At        *time.Time `json:"at"`
	Channel   string     `json:"channel"`
	ContactID *int64     `json:"contact_id"`
	Summary   string     `json:"summary"`
	NextStep  string     `json:"next_step"`
	NextAt    *time.Time `json:"next_at"`
}

func (h handlers) addNote(c *gin.Context) {
	var req noteRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	n, err := h.d.Customers.AddNote(c.Request.Context(), caller(c), id, customers.NoteRequest(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/resources/"+strconv.FormatInt(id, 10)+"/notes")
	c.JSON(http.StatusCreated, noteView(n))
}

func (h handlers) editNote(c *gin.Context) {
	var req noteRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	nid, err := pathID(c, "nid")
	if err != nil {
		fail(c, err)
		return
	}
	n, err := h.d.Customers.EditNote(c.Request.Context(), caller(c), id, nid, customers.NoteRequest(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, noteView(n))
}

// listNotes lists a resource's notes, the latest contact first.
func (h handlers) listNotes(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	ns, err := h.d.Customers.Notes(c.Request.Context(), caller(c), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(ns, noteView)})
}

// customer360 answers a resource whole to its owner, sales support and
// admins; anyone else gets what a collision answer shows.
func (h handlers) customer360(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	v, err := h.d.Customers.Customer360(c.Request.Context(), caller(c), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, view360(v, caller(c), time.Now()))
}
