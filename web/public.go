package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// publicPage is how many rows 公海 shows at a time.
const publicPage = 50

// publicRow is one resource of the public sea as the list shows it (as
// the API's list: no numbers; a rep sees them, masked, on the resource).
type publicRow struct {
	ID                     int64
	Name, Region, Industry string // Industry "—" when unknown
	Individual             bool
}

// publicData is 公海: the filters, the rows, the next page, and the refusal
// of a pick that did not happen.
type publicData struct {
	Q, Region, Industry, Kind string
	Rows                      []publicRow
	Next                      string
	Refusal                   string
	Rep, Assistant            bool // who reads: a rep picks and applies, an assistant files the special application
}

// Action is the list's path, for its filters.
func (publicData) Action() string { return "/public" }

// Sortable: 公海 is newest first only, as the API's list of it.
func (publicData) Sortable() bool { return false }

// Sort is the order 公海 shows.
func (publicData) Sort() string { return "newest" }

// public is 公海: the resources nobody holds, newest first, filtered like
// the API's list of the public sea, each with 挑入.
func (c *console) public(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderPublic(w, r, s, http.StatusOK, "")
}

func (c *console) renderPublic(w http.ResponseWriter, r *http.Request, s *session, status int, refused string) {
	q := r.URL.Query()
	d := publicData{Q: strings.TrimSpace(q.Get("q")), Region: strings.TrimSpace(q.Get("region")),
		Industry: strings.TrimSpace(q.Get("industry")), Kind: q.Get("kind"), Refusal: refused,
		Rep: s.user.Role == people.RoleRep, Assistant: s.user.Role == people.RoleAssistant}
	f := resource.ListFilter{Sea: resource.SeaPublic, Limit: publicPage, Region: d.Region, Industry: d.Industry, Find: intake.Find(d.Q)}
	if d.Kind == intake.KindEnterprise || d.Kind == intake.KindIndividual {
		f.Kind = d.Kind
	}
	if cur := q.Get("after"); cur != "" {
		if after, err := resource.ParseCursor(cur); err == nil {
			f.After = after
		}
	}
	rs, err := c.d.Seas.List(r.Context(), *s.user, f)
	if err != nil {
		status, d.Refusal = refusal(s, err)
	}
	for _, res := range rs {
		d.Rows = append(d.Rows, publicRow{ID: res.ID, Name: res.Name, Region: res.Region, Industry: or(res.Parts.Industry, "—"),
			Individual: res.Kind == intake.KindIndividual})
	}
	if len(rs) == publicPage {
		next := url.Values{"q": {d.Q}, "region": {d.Region}, "industry": {d.Industry}, "kind": {d.Kind}, "after": {resource.CursorAfter(rs[len(rs)-1], false)}}
		d.Next = "/public?" + next.Encode()
	}
	c.render(w, r, s, status, "public", d)
}

// pickData is the 挑入 confirmation: the customer and the protection the
// rule in force would give the rep now.
type pickData struct {
	ID            int64
	Name          string
	Until         string
	Rule, Version string
}

// pickForm asks the rep to confirm a pick, stating the protection's end
// the active protection.until gives (the pick decides again when it runs).
func (c *console) pickForm(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	res, until, err := c.d.Seas.PickPreview(r.Context(), *s.user, id)
	if err != nil {
		status, text := refusal(s, err)
		c.renderPublic(w, r, s, status, text)
		return
	}
	c.render(w, r, s, http.StatusOK, "pick", pickData{ID: id, Name: res.Name,
		Until: china.Day(until.Value), Rule: until.Rule, Version: until.Version})
}

// pick is 挑入 (R6, R13): of reps picking the same resource at once exactly
// one wins; the others see who holds it now, or the rule (and version) that
// refused them.
func (c *console) pick(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	res, err := c.d.Seas.Pick(r.Context(), *s.user, id)
	if err != nil {
		status, text := refusal(s, err)
		c.renderPublic(w, r, s, status, text)
		return
	}
	http.Redirect(w, r, "/mine?picked="+strconv.FormatInt(res.ID, 10), http.StatusSeeOther)
}
