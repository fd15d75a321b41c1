package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
)

type contactRequest struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	Mobile   string `json:"mobile"`
	Landline string `json:"landline"`
	Fax      string `json:"fax"`
	Email    string `json:"email"`
	// TradeManagerID is the contact's 贸易通 account.
	TradeManagerID string `json:"trade_manager_id"`
}

type numberRequest struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type entryRequest struct {
	ApplicationID int64            `json:"application_id"`
	Kind          string           `json:"kind"`
	Name          string           `json:"name"`
	Region        string           `json:"region"`
	Contacts      []contactRequest `json:"contacts"`
	Numbers       []numberRequest  `json:"numbers"`
}

func (c contactRequest) entry() intake.EntryContact {
	return intake.EntryContact{Name: c.Name, Title: c.Title, Email: c.Email, TradeManagerID: c.TradeManagerID,
		Mobile: c.Mobile, Landline: c.Landline, Fax: c.Fax}
}

func (r entryRequest) entry() intake.Entry {
	e := intake.Entry{ApplicationID: r.ApplicationID, Kind: r.Kind, Name: r.Name, Region: r.Region}
	for _, c := range r.Contacts {
		e.Contacts = append(e.Contacts, c.entry())
	}
	for _, n := range r.Numbers {
		e.Numbers = append(e.Numbers, intake.EntryNumber(n))
	}
	return e
}

func (h handlers) enterResource(c *gin.Context) {
	var req entryRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	respond(c, http.StatusCreated)(h.d.Seas.Enter(c.Request.Context(), caller(c), req.entry()))
}

// respond answers a resource as the caller may see it, or the error that
// came instead; 201 sets the resource's Location.
func respond(c *gin.Context, status int) func(resource.Resource, error) {
	return func(r resource.Resource, err error) {
		if err != nil {
			fail(c, err)
			return
		}
		if status == http.StatusCreated {
			c.Header("Location", "/api/v1/resources/"+strconv.FormatInt(r.ID, 10))
		}
		c.JSON(status, resourceView(r, caller(c), time.Now()))
	}
}

func (h handlers) getResource(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	respond(c, http.StatusOK)(h.d.Seas.Resource(c.Request.Context(), id))
}

func (h handlers) releaseResource(c *gin.Context) {
	var req reasonRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	respond(c, http.StatusOK)(h.d.Seas.Release(c.Request.Context(), caller(c), id, req.Reason))
}

func (h handlers) pickResource(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	respond(c, http.StatusOK)(h.d.Seas.Pick(c.Request.Context(), caller(c), id))
}

// findByNumber lists the resource holding a number (R18): at most one, as
// numbers are unique collision keys; masked like any other view.
func (h handlers) findByNumber(c *gin.Context, number string) {
	out := ResourceList{Items: []ResourceView{}}
	r, err := h.d.Seas.FindByNumber(c.Request.Context(), number)
	switch {
	case fault.Is(err, fault.NotFound):
	case err != nil:
		fail(c, err)
		return
	default:
		out.Items = append(out.Items, resourceView(r, caller(c), time.Now()))
	}
	c.JSON(http.StatusOK, out)
}

type editRequest struct {
	Kind    *string          `json:"kind"`
	Name    *string          `json:"name"`
	Region  *string          `json:"region"`
	Numbers *[]numberRequest `json:"numbers"`
}

func (h handlers) editResource(c *gin.Context) {
	var req editRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	e := sea.IdentityEdit{Kind: req.Kind, Name: req.Name, Region: req.Region}
	if req.Numbers != nil {
		ns := make([]intake.EntryNumber, 0, len(*req.Numbers))
		for _, n := range *req.Numbers {
			ns = append(ns, intake.EntryNumber(n))
		}
		e.Numbers = &ns
	}
	respond(c, http.StatusOK)(h.d.Seas.EditIdentity(c.Request.Context(), caller(c), id, e))
}
