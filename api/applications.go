package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// Applications files, decides and lists applications (R8–R11).
type Applications interface {
	Apply(ctx context.Context, actor people.User, in applications.Input) (application.Application, error)
	Approve(ctx context.Context, actor people.User, id int64, ap applications.Approval) (application.Application, error)
	Reject(ctx context.Context, actor people.User, id int64, reason string) (application.Application, error)
	Get(ctx context.Context, actor people.User, id int64) (application.Application, []application.Event, error)
	Mine(ctx context.Context, actor people.User, f application.Filter) ([]application.Application, error)
	Tasks(ctx context.Context, f application.Filter) ([]application.Application, error)
}

type applicationRequest struct {
	Type       string        `json:"type"`
	ResourceID int64         `json:"resource_id"`
	Proposed   *entryRequest `json:"proposed"`
	ForRepID   int64         `json:"for_rep_id"`
	Reason     string        `json:"reason"`
}

// ApplicationView is an application with its steps.
type ApplicationView struct {
	ID                int64           `json:"id"`
	Type              string          `json:"type"`
	State             string          `json:"state"`
	Applicant         OwnerView       `json:"applicant"`
	ForRep            OwnerView       `json:"for_rep"`
	ResourceID        *int64          `json:"resource_id"`
	Kind              string          `json:"kind"`
	Name              string          `json:"name"`
	Region            string          `json:"region"`
	CompanyKey        string          `json:"company_key"`
	Proposed          json.RawMessage `json:"proposed,omitempty"`
	Reason            string          `json:"reason"`
	Search            json.RawMessage `json:"search"`
	Unprotected       bool            `json:"unprotected"` // R11: filed while its search could not run
	Mode              *string         `json:"mode"`
	Deadline          *time.Time      `json:"deadline"` // the entry (R9) or the name correction (R10) is due before it
	DeadlineRule      *string         `json:"deadline_rule"`
	DeadlineVersion   *string         `json:"deadline_rule_version"`
	EnteredResourceID *int64          `json:"entered_resource_id"` // the resource it ended in: entered or assigned
	// ReviewBy: a pending application not decided before it lapses by itself.
	ReviewBy      *time.Time  `json:"review_by"`
	ReviewRule    *string     `json:"review_rule"`
	ReviewVersion *string     `json:"review_rule_version"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`
	History       []EventView `json:"history,omitempty"`
}

// EventView is one step of an application.
type EventView struct {
	At     time.Time       `json:"at"`
	Actor  *OwnerView      `json:"actor"`
	Event  string          `json:"event"`
	Detail json.RawMessage `json:"detail"`
}

func applicationView(a application.Application) ApplicationView {
	return ApplicationView{ID: a.ID, Type: a.Type, State: a.State, Applicant: OwnerView(a.Applicant), ForRep: OwnerView(a.ForRep),
		ResourceID: a.ResourceID, Kind: a.Kind, Name: a.Name, Region: a.Region, CompanyKey: a.Key, Proposed: a.Proposed,
		Reason: a.Reason, Search: a.Search, Unprotected: a.Unprotected, Mode: a.Mode, Deadline: a.Deadline, DeadlineRule: a.DeadlineRule,
		DeadlineVersion: a.DeadlineVersion, EnteredResourceID: a.EnteredResourceID, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
		ReviewBy: a.ReviewBy, ReviewRule: a.ReviewRule, ReviewVersion: a.ReviewVersion}
}

func (h handlers) apply(c *gin.Context) {
	var req applicationRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	in := applications.Input{Type: req.Type, ResourceID: req.ResourceID, ForRepID: req.ForRepID, Reason: req.Reason}
	if req.Proposed != nil {
		e := req.Proposed.entry()
		in.Proposed = &e
	}
	a, err := h.d.Applications.Apply(c.Request.Context(), caller(c), in)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/applications/"+strconv.FormatInt(a.ID, 10))
	c.JSON(http.StatusCreated, applicationView(a))
}

// getApplication shows an application to its applicant, the rep it is for,
// sales support and admins.
func (h handlers) getApplication(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	a, es, err := h.d.Applications.Get(c.Request.Context(), caller(c), id)
	if err != nil {
		fail(c, err)
		return
	}
	v := applicationView(a)
	v.History = eventViews(es)
	c.JSON(http.StatusOK, v)
}

// listApplications lists the caller's applications (filed by or for them).
func (h handlers) listApplications(c *gin.Context) {
	h.applicationList(c, func(ctx context.Context, f application.Filter) ([]application.Application, error) {
		return h.d.Applications.Mine(ctx, caller(c), f)
	})
}

// tasks lists the open applications, oldest first, for sales support.
func (h handlers) tasks(c *gin.Context) { h.applicationList(c, h.d.Applications.Tasks) }

// applicationList answers the applications list selects with the query's
// filters: state, type, for_rep_id, region, unprotected.
func (h handlers) applicationList(c *gin.Context, list func(context.Context, application.Filter) ([]application.Application, error)) {
	var f application.Filter
	var fields []fault.FieldError
	f.State, f.Type, f.Region = c.Query("state"), c.Query("type"), c.Query("region")
	if v := c.Query("for_rep_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			fields = append(fields, fault.FieldError{Field: "for_rep_id", Reason: "must be a user id"})
		}
		f.ForRepID = id
	}
	if v := c.Query("unprotected"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fields = append(fields, fault.FieldError{Field: "unprotected", Reason: "must be true or false"})
		}
		f.Unprotected = &b
	}
	if len(fields) > 0 {
		fail(c, fault.Invalidf(fields, "bad filter"))
		return
	}
	as, err := list(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(as, applicationView)})
}

func (h handlers) rejectApplication(c *gin.Context) {
	var req reasonRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	a, err := h.d.Applications.Reject(c.Request.Context(), caller(c), id, req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, applicationView(a))
}

type approveRequest struct {
	Mode       string `json:"mode"`
	ResourceID int64  `json:"resource_id"`
	Comment    string `json:"comment"`
}

func (h handlers) approveApplication(c *gin.Context) {
	var req approveRequest
	id, ok := bind(c, &req)
	if !ok {
		return
	}
	a, err := h.d.Applications.Approve(c.Request.Context(), caller(c), id, applications.Approval{Mode: req.Mode, ResourceID: req.ResourceID, Comment: req.Comment})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, applicationView(a))
}

func eventViews(es []application.Event) []EventView {
	var out []EventView
	for _, e := range es {
		out = append(out, EventView{At: e.At, Actor: ownerView(e.Actor), Event: e.Event, Detail: e.Detail})
	}
	return out
}
