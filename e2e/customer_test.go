package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/store/dbtest"
)

func notificationsOf(c apitest.Client, kind string) []api.NotificationView {
	var notes struct{ Items []api.NotificationView }
	c.Do("GET", "/api/v1/notifications", nil, 200, &notes)
	var out []api.NotificationView
	for _, n := range notes.Items {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// Contacts are added, edited and removed; their numbers are collision keys:
// a contact number another rep holds is refused with the hits, changes
// nothing, and is reported to both owners and sales support (R12).
func TestContactsAreCollisionChecked(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	var r1, r2 api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("苏州联系五金有限公司", "0512-66110000", "13966110000"), 201, &r1)
	rep2.Do("POST", "/api/v1/resources", enterBody("苏州别家五金有限公司", "0512-66110001", "13966110001"), 201, &r2)
	contacts := "/api/v1/resources/" + itoa(r1.ID) + "/contacts"

	p := rep1.Problem("POST", contacts, map[string]string{"name": "钱", "mobile": "139 6611 0001"}, 409)
	if len(p.Hits) != 1 || p.Hits[0].ResourceID != r2.ID || p.Hits[0].Owner.Name != "Rep Two" || p.Hits[0].Value != "+8613966110001" {
		t.Fatalf("a contact with rep2's mobile: %+v", p.Hits)
	}
	var got api.ResourceView
	rep1.Do("GET", "/api/v1/resources/"+itoa(r1.ID), nil, 200, &got)
	if len(got.Contacts) != 1 {
		t.Fatalf("the refused contact was written: %+v", got.Contacts)
	}
	rep1.Problem("POST", contacts, map[string]string{"name": "钱", "mobile": "13966110001"}, 409) // the same, again
	for _, c := range []apitest.Client{rep1, rep2, support} {
		if n := notificationsOf(c, "collision"); len(n) != 1 || !contains(n[0].Body, "+8613966110001") {
			t.Errorf("collision report, once however often retried: %+v", n)
		}
	}
	var v360 api.View360
	rep2.Do("GET", "/api/v1/resources/"+itoa(r2.ID)+"/360", nil, 200, &v360)
	if len(v360.Collisions) != 2 || v360.Collisions[0].Action != "contact" || v360.Collisions[0].Actor.Name != "Rep One" {
		t.Errorf("rep2's 360 collisions: %+v", v360.Collisions)
	}

	p = rep1.Problem("POST", contacts, map[string]string{"mobile": "12", "email": "x@"}, 422)
	if len(p.Errors) != 3 {
		t.Errorf("a malformed contact: %+v", p.Errors)
	}
	rep2.Problem("POST", contacts, map[string]string{"name": "孙", "mobile": "13966110009"}, 403)
	resp := rep1.Do("POST", contacts, map[string]string{"name": "孙", "title": "厂长", "mobile": "13966110002",
		"email": "sun@example.com", "trade_manager_id": "sun2026"}, 201, &got)
	cid, _ := strconv.ParseInt(resp.Header.Get("X-Contact-ID"), 10, 64)
	if cid == 0 || len(got.Contacts) != 2 || got.Contacts[1].TradeManagerID != "sun2026" {
		t.Fatalf("after adding 孙: %+v (contact %d)", got.Contacts, cid)
	}
	// Its number is a key now: rep2 cannot enter it.
	rep2.Problem("POST", "/api/v1/resources", enterBody("苏州第三五金有限公司", "0512-66110003", "13966110002"), 409)
	// An edit replacing the mobile frees the old number and takes the new.
	rep1.Do("PATCH", contacts+"/"+itoa(cid), map[string]string{"mobile": "13966110004", "title": "总经理"}, 200, &got)
	var res api.SearchResponse
	rep2.Do("POST", "/api/v1/collisions/search", map[string]any{"numbers": []map[string]string{{"type": "mobile", "value": "13966110002"}}}, 200, &res)
	if len(res.Hits) != 0 {
		t.Errorf("the replaced number is still a key: %+v", res.Hits)
	}
	rep2.Do("POST", "/api/v1/collisions/search", map[string]any{"numbers": []map[string]string{{"type": "mobile", "value": "13966110004"}}}, 200, &res)
	if len(res.Hits) != 1 || res.Hits[0].ResourceID != r1.ID {
		t.Errorf("the new number: %+v", res.Hits)
	}
	rep1.Problem("PATCH", contacts+"/"+itoa(cid), map[string]string{"mobile": "13966110001"}, 409)
	rep1.Do("DELETE", contacts+"/"+itoa(cid), nil, 204, nil)
	rep1.Problem("DELETE", contacts+"/"+itoa(cid), nil, 404)
	got = api.ResourceView{}
	rep1.Do("GET", "/api/v1/resources/"+itoa(r1.ID), nil, 200, &got)
	if len(got.Contacts) != 1 {
		t.Fatalf("after the removal: %+v", got.Contacts)
	}
	p = rep1.Problem("DELETE", contacts+"/"+itoa(got.Contacts[0].ID), nil, 422) // the last contact stays (R17)
	if len(p.Errors) != 1 || p.Errors[0].Field != "contact" {
		t.Errorf("removing the last contact: %+v", p)
	}
	rep1.Do("GET", "/api/v1/resources/"+itoa(r1.ID)+"/360", nil, 200, &v360)
	edits := map[string]int{}
	for _, e := range v360.Story {
		if e.Kind == "edit" {
			edits[e.Event]++
		}
	}
	if edits["resource.contact_add"] != 1 || edits["resource.contact_edit"] != 1 || edits["resource.contact_remove"] != 1 {
		t.Errorf("contact changes in the story: %v", edits)
	}
}

// Notes list the latest contact first; an edit within 24 hours keeps the
// earlier text; only the author edits; bad input names its fields.
func TestContactNotes(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("苏州小计电子有限公司", "0512-66220000", "13966220000"), 201, &r)
	notes := "/api/v1/resources/" + itoa(r.ID) + "/notes"
	monday := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	var first, second, third api.NoteView
	rep1.Do("POST", notes, map[string]any{"at": monday.Add(48 * time.Hour), "channel": "phone", "contact_id": r.Contacts[0].ID,
		"summary": "asked for a quote", "next_step": "send the quote", "next_at": monday.Add(72 * time.Hour)}, 201, &first)
	rep1.Do("POST", notes, map[string]any{"at": monday, "channel": "visit", "summary": "first visit"}, 201, &second)
	support.Do("POST", notes, map[string]any{"channel": "im", "summary": "support checked the licence"}, 201, &third)
	if first.ContactName != "王经理" || first.Author.Name != "Rep One" {
		t.Errorf("first note %+v", first)
	}
	var list struct{ Items []api.NoteView }
	rep1.Do("GET", notes, nil, 200, &list)
	if len(list.Items) != 3 || list.Items[0].ID != third.ID || list.Items[1].ID != first.ID || list.Items[2].ID != second.ID {
		t.Fatalf("notes not newest contact first: %+v", list.Items)
	}
	var got api.ResourceView
	rep1.Do("GET", "/api/v1/resources/"+itoa(r.ID), nil, 200, &got)
	if got.LastContactAt == nil || !got.LastContactAt.Equal(third.At) {
		t.Errorf("last contact %v, want %v", got.LastContactAt, third.At)
	}

	var edited api.NoteView
	rep1.Do("PATCH", notes+"/"+itoa(first.ID), map[string]any{"at": first.At, "channel": "phone",
		"summary": "asked for a quote for 500 units", "next_step": "send the quote"}, 200, &edited)
	if edited.Revision != 2 || len(edited.Earlier) != 1 || edited.Earlier[0].Summary != "asked for a quote" ||
		edited.Earlier[0].ReplacedBy.Name != "Rep One" || edited.Summary != "asked for a quote for 500 units" {
		t.Fatalf("edited note %+v", edited)
	}
	support.Problem("PATCH", notes+"/"+itoa(first.ID), map[string]any{"channel": "phone", "summary": "not mine"}, 403)
	rep2.Problem("PATCH", notes+"/"+itoa(first.ID), map[string]any{"channel": "phone", "summary": "not mine"}, 403)
	rep2.Problem("GET", notes, nil, 403)
	rep2.Problem("POST", notes, map[string]any{"channel": "phone", "summary": "hi"}, 403)
	p := rep1.Problem("POST", notes, map[string]any{"channel": "fax", "summary": " ", "at": time.Now().Add(time.Hour),
		"contact_id": 999999}, 422)
	if len(p.Errors) != 3 {
		t.Errorf("a bad note: %+v", p.Errors)
	}
	rep1.Problem("POST", notes, map[string]any{"channel": "phone", "summary": "x", "contact_id": 999999}, 422)
	rep1.Do("GET", notes, nil, 200, &list)
	if len(list.Items) != 3 {
		t.Errorf("a refused note was written: %d notes", len(list.Items))
	}
}

// Another rep's 360 is masked like a collision answer; the owner and
// support see it whole, with the protection deadline and its rule version.
// Find searches names, contact names, keys and numbers within the caller's
// seas.
func TestCustomer360AndFind(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", enterBody("苏州全景光电科技有限公司", "0512-66330000", "13966330000"), 201, &r)
	rep1.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/notes", map[string]any{"channel": "phone", "summary": "private talk"}, 201, nil)
	var v api.View360
	rep2.Do("GET", "/api/v1/resources/"+itoa(r.ID)+"/360", nil, 200, &v)
	if !v.Masked || !v.Resource.Masked || v.Resource.Owner.Name != "Rep One" || len(v.Notes) != 0 || v.Resource.Numbers != nil ||
		v.Resource.CompanyKey != "" || len(v.Story) != 0 || len(v.History) != 0 || len(v.Deadlines) != 0 {
		t.Fatalf("rep2's view of rep1's 360: %+v", v)
	}
	for _, c := range []apitest.Client{rep1, support} {
		v = api.View360{}
		c.Do("GET", "/api/v1/resources/"+itoa(r.ID)+"/360", nil, 200, &v)
		if v.Masked || len(v.Notes) != 1 || len(v.History) != 1 || len(v.Deadlines) != 1 || v.Resource.Parts == nil ||
			v.Resource.Parts.TradeName != "全景" || len(v.Resource.Numbers) != 2 {
			t.Fatalf("the whole 360: %+v", v)
		}
		d := v.Deadlines[0]
		if d.Kind != "protection" || d.Rule != "protection.until" || d.RuleVersion == "" || d.DaysLeft < 100 {
			t.Errorf("deadline %+v", d)
		}
	}
	find := func(c apitest.Client, sea, q string) []int64 {
		var list api.ResourceList
		c.Do("GET", "/api/v1/resources?sea="+sea+"&q="+q, nil, 200, &list)
		var ids []int64
		for _, it := range list.Items {
			ids = append(ids, it.ID)
		}
		return ids
	}
	for _, q := range []string{"全景光电", "%E7%8E%8B%E7%BB%8F%E7%90%86" /* 王经理 */, "0512%2066330000", "%2B8613966330000", "6633", "%E8%8B%8F%E5%B7%9E%E5%85%A8%E6%99%AF%E5%85%89%E7%94%B5%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8"} {
		if ids := find(rep1, "mine", q); len(ids) != 1 || ids[0] != r.ID {
			t.Errorf("rep1 finding %q: %v", q, ids)
		}
		if ids := find(rep2, "mine", q); len(ids) != 0 {
			t.Errorf("rep2 finds rep1's resource by %q: %v", q, ids)
		}
		if ids := find(support, "all", q); len(ids) != 1 {
			t.Errorf("support finding %q in every sea: %v", q, ids)
		}
	}
	rep2.Problem("GET", "/api/v1/resources?sea=all&q=6633", nil, 403)

	// In the public sea a rep finds a number whole, never by its digits:
	// the view shows only the last four, and guessing one more digit at a
	// time must not reveal the rest.
	rep1.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "gone quiet"}, 200, nil)
	if ids := find(rep2, "public", "66330000"); len(ids) != 0 {
		t.Errorf("rep2 finds a public resource by digits: %v", ids)
	}
	if ids := find(rep2, "public", "0512-66330000"); len(ids) != 1 {
		t.Errorf("rep2 finding a public resource by its whole number: %v", ids)
	}
	if ids := find(support, "public", "66330000"); len(ids) != 1 {
		t.Errorf("support finding a public resource by digits: %v", ids)
	}
}
