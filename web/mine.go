package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
)

// minePage is how many rows 我的客户 shows at a time.
const minePage = 50

// mineRow is one resource of the rep's private sea as the list shows it.
type mineRow struct {
	ID                     int64
	Name, Region, Industry string // Industry "—" when unknown
	Individual             bool
	Until                  string // the protection's end, a China date; "—" when none
	DaysLeft               string // "—" when the protection does not end
	Soon                   bool   // under 30 days left: highlighted
	Entered                bool   // the entry that just succeeded
	Signed                 bool   // the deal is closed: it no longer expires (R14)
	Twin                   bool   // one of a dual record's two (R7): its kind waits to be confirmed
	Ticked                 bool   // ticked for release when the page is shown again
	Refusal                string // why a release, a signing or a confirmation of it was refused
}

// mineData is 我的客户: the filters as typed, the rows, the next page.
type mineData struct {
	Q, Region, Industry, Kind string
	Sort                      string // deadline (soonest first, the default) or newest
	Rows                      []mineRow
	Next                      string // the URL of the next page, "" on the last
	Error                     string
	Entered                   bool // an entry just succeeded
	Picked                    bool // a pick just succeeded
	Released                  int  // how many a release just returned to 公海
	Signed                    bool // a signing just succeeded
	Confirmed                 bool // a dual record's kind was just confirmed
	Form                      mineForm
}

// Action is the list's path, for its filters.
func (mineData) Action() string { return "/mine" }

// Sortable: 我的客户 may be ordered by deadline or by entry.
func (mineData) Sortable() bool { return true }

// Refusal is why resource id stayed, "" if it did not.
func (d mineData) Refusal(id int64) string {
	for _, o := range d.Form.Refused {
		if o.ID == id {
			return o.Refusal
		}
	}
	return ""
}

// mine is 我的客户: the rep's private sea, soonest deadline first, with the
// days left (under 30 highlighted), filtered by text, region and kind, a
// page at a time by keyset (the API's list, the same query).
func (c *console) mine(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderMine(w, r, s, http.StatusOK, mineForm{})
}

func (c *console) renderMine(w http.ResponseWriter, r *http.Request, s *session, status int, form mineForm) {
	q := r.URL.Query()
	d := mineData{Q: strings.TrimSpace(q.Get("q")), Region: strings.TrimSpace(q.Get("region")),
		Industry: strings.TrimSpace(q.Get("industry")), Kind: q.Get("kind"), Form: form}
	if q.Get("sort") == "newest" {
		d.Sort = "newest"
	}
	d.Released, _ = strconv.Atoi(q.Get("released"))
	if form.Released > 0 {
		d.Released = form.Released
	}
	f := resource.ListFilter{Sea: resource.SeaPrivate, OwnerID: s.user.ID, ByDeadline: d.Sort != "newest", Limit: minePage,
		Region: d.Region, Industry: d.Industry, Find: intake.Find(d.Q)}
	if d.Kind == intake.KindEnterprise || d.Kind == intake.KindIndividual {
		f.Kind = d.Kind
	}
	if cur := q.Get("after"); cur != "" {
		after, err := resource.ParseCursor(cur)
		if err != nil {
			http.Redirect(w, r, "/mine", http.StatusSeeOther)
			return
		}
		f.After = after
	}
	rs, err := c.d.Seas.List(r.Context(), *s.user, f)
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	entered := q.Get("entered")
	if signed := q.Get("signed"); signed != "" {
		entered, d.Signed = signed, true
	}
	if confirmed := q.Get("confirmed"); confirmed != "" {
		entered, d.Confirmed = confirmed, true
	}
	if picked := q.Get("picked"); picked != "" {
		entered, d.Picked = picked, true
	}
	now := time.Now()
	for _, res := range rs {
		row := newMineRow(res, now)
		row.Entered = entered != "" && entered == itoa(res.ID)
		row.Ticked, row.Refusal = form.Ticked[res.ID], d.Refusal(res.ID)
		d.Entered = d.Entered || row.Entered
		d.Rows = append(d.Rows, row)
	}
	if len(rs) == minePage {
		next := url.Values{"q": {d.Q}, "region": {d.Region}, "industry": {d.Industry}, "kind": {d.Kind}, "sort": {d.Sort},
			"after": {resource.CursorAfter(rs[len(rs)-1], f.ByDeadline)}}
		d.Next = "/mine?" + next.Encode()
	}
	c.render(w, r, s, status, "mine", d)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// newMineRow is a resource of the rep's private sea as the lists show it:
// the protection's end as a China date and the days left to it (R10's
// earlier deadline included), under 30 marked.
func newMineRow(res resource.Resource, now time.Time) mineRow {
	row := mineRow{ID: res.ID, Name: res.Name, Region: res.Region, Industry: or(res.Parts.Industry, "—"),
		Individual: res.Kind == intake.KindIndividual, Signed: res.SignedAt != nil, Twin: res.KindPending, Until: "—", DaysLeft: "—"}
	if res.ProtectedUntil != nil {
		row.Until = china.Day(*res.ProtectedUntil)
	}
	if days, ok := sea.ProtectionLeft(res, now); ok {
		row.DaysLeft, row.Soon = strconv.Itoa(days), days < 30
	}
	return row
}
