package e2e

import (
	"net/url"
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/store/dbtest"
)

func TestListsFilterSortAndPage(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	entries := []struct{ name, region, landline, mobile string }{
		{"苏州日东精密电子有限公司", "苏州", "0512-61110001", "13611110001"},
		{"杭州恒远精密机械有限公司", "杭州", "0571-61110002", "13611110002"},
		{"苏州天宇服饰有限公司", "苏州", "0512-61110003", "13611110003"},
		{"苏州华光精密电子有限公司", "苏州", "0512-61110004", "13611110004"},
	}
	var ids []int64
	for _, e := range entries {
		b := enterBody(e.name, e.landline, e.mobile)
		b["region"] = e.region
		var r api.ResourceView
		rep1.Do("POST", "/api/v1/resources", b, 201, &r)
		ids = append(ids, r.ID)
	}
	got := func(l api.ResourceList) []int64 {
		var out []int64
		for _, r := range l.Items {
			out = append(out, r.ID)
		}
		return out
	}
	var l api.ResourceList
	rep1.Do("GET", "/api/v1/resources?sea=mine", nil, 200, &l)
	if ids2 := got(l); len(ids2) != 4 || ids2[0] != ids[0] || ids2[3] != ids[3] {
		t.Errorf("mine, soonest deadline first: %v (entered %v)", ids2, ids)
	}
	l = api.ResourceList{}
	rep1.Do("GET", "/api/v1/resources?sea=mine&region="+url.QueryEscape("苏州")+"&industry="+url.QueryEscape("精密电子"), nil, 200, &l)
	if ids2 := got(l); len(ids2) != 2 || ids2[0] != ids[0] || ids2[1] != ids[3] {
		t.Errorf("苏州 精密电子: %v", ids2)
	}
	l = api.ResourceList{}
	rep1.Do("GET", "/api/v1/resources?sea=mine&q="+url.QueryEscape("恒远"), nil, 200, &l)
	if ids2 := got(l); len(ids2) != 1 || ids2[0] != ids[1] {
		t.Errorf("text 恒远: %v", ids2)
	}
	l = api.ResourceList{}
	rep1.Do("GET", "/api/v1/resources?sea=mine&days_left_min=700&days_left_max=800", nil, 200, &l)
	if len(l.Items) != 4 {
		t.Errorf("days_left 700–800: %d", len(l.Items))
	}
	l = api.ResourceList{}
	rep1.Do("GET", "/api/v1/resources?sea=mine&days_left_max=30", nil, 200, &l)
	if len(l.Items) != 0 {
		t.Errorf("days_left ≤ 30: %d", len(l.Items))
	}

	// Pages of two, by cursor, cover everything once, in order.
	var seen []int64
	next := ""
	for page := 0; ; page++ {
		l = api.ResourceList{}
		q := "/api/v1/resources?sea=mine&limit=2"
		if next != "" {
			q += "&cursor=" + url.QueryEscape(next)
		}
		rep1.Do("GET", q, nil, 200, &l)
		seen = append(seen, got(l)...)
		if l.Next == nil || page > 5 {
			break
		}
		next = *l.Next
	}
	if len(seen) != 4 || seen[0] != ids[0] || seen[3] != ids[3] {
		t.Errorf("paged: %v, want %v", seen, ids)
	}
	rep1.Problem("GET", "/api/v1/resources?sea=mine&cursor=zzz", nil, 422)
	rep1.Problem("GET", "/api/v1/resources?kind=company&sort=oldest", nil, 422)

	// The public sea shows numbers masked to reps, whole to support.
	rep1.Do("POST", "/api/v1/resources/"+itoa(ids[2])+"/release", map[string]string{"reason": "not our customer"}, 200, nil)
	l = api.ResourceList{}
	rep2.Do("GET", "/api/v1/resources?sea=public", nil, 200, &l)
	if len(l.Items) != 1 || !l.Items[0].NumbersMasked {
		t.Fatalf("public list for a rep: %+v", l.Items)
	}
	var one api.ResourceView
	rep2.Do("GET", "/api/v1/resources/"+itoa(ids[2]), nil, 200, &one)
	for _, n := range one.Numbers {
		if contains(n.Value, "6111") || contains(n.Normalized, "6111") || contains(n.Normalized, "3611") {
			t.Errorf("a rep sees a public number whole: %+v", n)
		}
	}
	var whole api.ResourceView
	support.Do("GET", "/api/v1/resources/"+itoa(ids[2]), nil, 200, &whole)
	if whole.NumbersMasked || whole.Numbers[0].Normalized != "+8651261110003" {
		t.Errorf("support's view: %+v", whole.Numbers)
	}
}
