package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// ResourceList is one page of a list; Next is the cursor of the next page.
type ResourceList struct {
	Items []ResourceView `json:"items"`
	Next  *string        `json:"next"`
}

const defaultPage, maxPage = 50, 200

// listResources lists the caller's private sea (sea=mine, soonest deadline
// first) or the public sea (sea=public, newest first), filtered by region,
// industry, kind, text in the name or key and a days_left range, one page
// at a time (cursor from the previous page's next).
func (h handlers) listResources(c *gin.Context) {
	if number, ok := c.GetQuery("number"); ok {
		h.findByNumber(c, number)
		return
	}
	now := time.Now()
	f, err := listFilter(c, caller(c), now)
	if err != nil {
		fail(c, err)
		return
	}
	rs, err := h.d.Seas.List(c.Request.Context(), caller(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	out := ResourceList{Items: make([]ResourceView, 0, len(rs))}
	for _, r := range rs {
		out.Items = append(out.Items, resourceView(r, caller(c), now))
	}
	if len(rs) == f.Limit {
		next := resource.CursorAfter(rs[len(rs)-1], f.ByDeadline)
		out.Next = &next
	}
	c.JSON(http.StatusOK, out)
}

// maxDaysLeft bounds days_left_min and days_left_max: a century either
// way, far beyond any protection, well inside what a date can hold.
const maxDaysLeft = 36500

func listFilter(c *gin.Context, caller people.User, now time.Time) (resource.ListFilter, error) {
	f := resource.ListFilter{Limit: defaultPage, Region: c.Query("region"), Industry: c.Query("industry"),
		Kind: c.Query("kind"), Find: intake.Find(c.Query("q"))}
	var errs []fault.FieldError
	bad := func(field, reason string) { errs = append(errs, fault.FieldError{Field: field, Reason: reason}) }
	switch c.DefaultQuery("sea", "mine") {
	case "mine":
		f.Sea, f.OwnerID, f.ByDeadline = resource.SeaPrivate, caller.ID, true
	case "public":
		f.Sea = resource.SeaPublic
	case "all": // the service allows it to sales support and admins only
	default:
		bad("sea", `must be "mine", "public" or "all"`)
	}
	switch c.Query("sort") {
	case "":
	case "deadline":
		f.ByDeadline = true
	case "newest":
		f.ByDeadline = false
	default:
		bad("sort", `must be "deadline" or "newest"`)
	}
	if f.Kind != "" && f.Kind != intake.KindEnterprise && f.Kind != intake.KindIndividual {
		bad("kind", `must be "enterprise" or "individual"`)
	}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPage {
			bad("limit", "must be an integer from 1 to 200")
		}
		f.Limit = n
	}
	for _, p := range []struct {
		name string
		from bool
	}{{"days_left_min", true}, {"days_left_max", false}} {
		s := c.Query(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < -maxDaysLeft || n > maxDaysLeft {
			bad(p.name, "must be an integer from -36500 to 36500")
			continue
		}
		if f.Until == nil {
			f.Until = &resource.TimeRange{}
		}
		// days_left counts China calendar days, so the bounds are midnights.
		if p.from {
			f.Until.From = china.Midnight(now, n)
		} else {
			f.Until.To = china.Midnight(now, n+1)
		}
	}
	if s := c.Query("cursor"); s != "" {
		cur, err := resource.ParseCursor(s)
		if err != nil {
			bad("cursor", "must be a cursor from a previous page's next")
		}
		f.After = cur
	}
	if errs != nil {
		return f, fault.Invalidf(errs, "bad list parameters")
	}
	return f, nil
}

// A cursor is opaque to clients: the last row's id and, for the deadline
// order, its deadline.
