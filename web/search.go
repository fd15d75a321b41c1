package web

import (
	"errors"
	"net/http"
	"strings"
	"unicode"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
)

// searchData is what 全部客户 / 撞单搜索 shows for what was typed.
type searchData struct {
	Q        string
	Number   bool // Q was read as a number
	Parts    namekey.Parts
	Numbers  []resource.Number
	Hits     []collision.Hit
	Maybe    []sea.Maybe // possible duplicates (疑似撞单)
	Error    string      // next to the box
	Asked    bool        // a search ran (or failed): there is a result to show
	Referred bool        // a referral from this search was just made
}

// search is 全部客户 / 撞单搜索: one box takes a company name or a number
// typed any way. As the rep types, htmx asks the same URL for the result
// fragment alone: the parsed name (行政区划 | 字号 | 行业 | 组织形式 → key) or
// the number's normal form, and every resource or application holding the
// key, named with its owner and nothing more (R2, R5).
func (c *console) search(w http.ResponseWriter, r *http.Request, s *session) {
	data := searchData{Q: strings.TrimSpace(r.URL.Query().Get("q")), Referred: r.URL.Query().Get("referred") != ""}
	status := http.StatusOK
	if data.Q != "" {
		data.Asked = true
		q := sea.Query{Name: data.Q}
		if data.Number = looksLikeNumber(data.Q); data.Number {
			q = sea.Query{Numbers: []intake.EntryNumber{{Type: "landline", Value: data.Q}}}
		}
		res, err := c.d.Seas.Search(r.Context(), q)
		if err != nil {
			status, data.Error = refusal(s, err)
			data.Error = fieldReason(s, err, data.Error)
		}
		data.Parts, data.Numbers, data.Hits, data.Maybe = res.Parts, res.Numbers, res.Hits, res.Maybe
	}
	if r.Header.Get("HX-Request") != "" && r.Header.Get("HX-History-Restore-Request") == "" {
		// htmx 2 swaps no 4xx: the fragment carries the error itself.
		c.renderFragment(w, s, http.StatusOK, "search", "result", data)
		return
	}
	c.render(w, r, s, status, "search", data)
}

// looksLikeNumber says whether the box holds a number rather than a name:
// digits with the separators people type (0512-6588 1234, +86 138…, (0512)
// 65881234 转 8001), at least five digits.
func looksLikeNumber(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsSpace(r) || strings.ContainsRune("+-()（）.转xX#", r):
		default:
			return false
		}
	}
	return digits >= 5
}

// fieldReason prefers the reason given for the field over the general
// detail: "has no letters or digits to make a company key from".
func fieldReason(s *session, err error, detail string) string {
	var fe *fault.Error
	if errors.As(err, &fe) && len(fe.Fields) > 0 {
		return s.words.Reason(fe.Fields[0])
	}
	return detail
}
