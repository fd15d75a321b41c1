package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/store/dbtest"
)

// richEntry is a resource with every kind of number: a landline with an
// extension, a fax, two mobiles in one field, and a contact's mobile.
func richEntry() map[string]any {
	return map[string]any{
		"kind": "enterprise", "name": "苏州日东精密电子中心有限公司", "region": "苏州",
		"numbers": []map[string]string{
			{"type": "landline", "value": "0512-6588 1234 转 8001"},
			{"type": "fax", "value": "(0512) 6588-1299"},
			{"type": "mobile", "value": "138 0013 8000，139-0000-0001"},
		},
		"contacts": []map[string]string{{"name": "王经理", "title": "采购经理", "mobile": "+86 137 0000 0002", "email": "wang@rido.com.cn"}},
	}
}

func search(body map[string]any) map[string]any {
	if body["region"] == nil {
		body["region"] = "苏州"
	}
	return body
}

func TestCollisionSearchFindsEveryNumberAndShowsOnlyTheOwner(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, assistant := s.login("rep1"), s.login("rep2"), s.login("assistant1")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", richEntry(), 201, &r)
	if r.CompanyKey != "日东精密电子" {
		t.Fatalf("company key %q, want 日东精密电子 (R3 seed example)", r.CompanyKey)
	}

	cases := []struct {
		why  string
		body map[string]any
		on   string
	}{
		{"same company, other region prefix and org form", map[string]any{"name": "江苏苏州日东精密电子有限公司"}, "company_key"},
		{"bracketed region, traditional characters", map[string]any{"name": "日東（蘇州）精密電子有限公司"}, "company_key"},
		{"the landline without its extension", map[string]any{"numbers": []map[string]string{{"type": "landline", "value": "+86 512 65881234"}}}, "number"},
		{"the landline typed as a fax", map[string]any{"numbers": []map[string]string{{"type": "fax", "value": "0512-65881234"}}}, "number"},
		{"the fax typed as a landline with another extension", map[string]any{"numbers": []map[string]string{{"type": "landline", "value": "051265881299-12"}}}, "number"},
		{"the first mobile", map[string]any{"numbers": []map[string]string{{"type": "mobile", "value": "0086 13800138000"}}}, "number"},
		{"the second mobile of the same field", map[string]any{"numbers": []map[string]string{{"type": "mobile", "value": "13900000001"}}}, "number"},
		{"the contact's mobile, given as a contact", map[string]any{"contacts": []map[string]string{{"name": "x", "mobile": "137-0000-0002"}}}, "number"},
		{"a bare local number in the resource's city", map[string]any{"numbers": []map[string]string{{"type": "landline", "value": "65881234"}}}, "number"},
	}
	for _, c := range cases {
		var res api.SearchResponse
		rep2.Do("POST", "/api/v1/collisions/search", search(c.body), 200, &res)
		if len(res.Hits) == 0 {
			t.Errorf("%s: no hit", c.why)
			continue
		}
		h := res.Hits[0]
		if h.ResourceID != r.ID || h.MatchedOn != c.on || h.Owner == nil || h.Owner.Name != "Rep One" || h.Mine || h.Sea != "private" {
			t.Errorf("%s: hit %+v", c.why, h)
		}
	}

	// What another rep gets: the name and the owner, nothing private.
	var res api.SearchResponse
	rep2.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": "苏州日东精密电子有限公司"}), 200, &res)
	if res.Key != "日东精密电子" || res.Parts.TradeName != "日东" || res.Parts.Industry != "精密电子" {
		t.Errorf("key and parts: %+v %+v", res.Key, res.Parts)
	}
	var body map[string]any
	rep2.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": "苏州日东精密电子有限公司"}), 200, &body)
	text := strings.Join(flatten(body), " ")
	for _, secret := range []string{"65881234", "13800138000", "王经理", "wang@rido.com.cn", "采购经理"} {
		if strings.Contains(text, secret) {
			t.Errorf("a search by name shows another rep's private %q: %s", secret, text)
		}
	}

	// The owner sees the hit as theirs; an assistant may search too.
	rep1.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": "日东精密电子"}), 200, &res)
	if len(res.Hits) != 1 || !res.Hits[0].Mine {
		t.Errorf("owner's search: %+v", res.Hits)
	}
	assistant.Do("POST", "/api/v1/collisions/search", search(map[string]any{"numbers": []map[string]string{{"type": "fax", "value": "0512 6588 1299"}}}), 200, &res)
	if len(res.Hits) != 1 {
		t.Errorf("assistant's search: %+v", res.Hits)
	}

	// Nothing found: no hits, and a malformed number is a 422 naming the field.
	rep2.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": "杭州另一家机械有限公司"}), 200, &res)
	if len(res.Hits) != 0 {
		t.Errorf("an unrelated company hit %+v", res.Hits)
	}
	p := rep2.Problem("POST", "/api/v1/collisions/search", search(map[string]any{"numbers": []map[string]string{{"type": "mobile", "value": "12"}}}), 422)
	if len(p.Errors) != 1 || p.Errors[0].Field != "numbers[0].value" {
		t.Errorf("bad number: %+v", p.Errors)
	}

	// The entry itself is refused with the same hits (R1, R5).
	p = rep2.Problem("POST", "/api/v1/resources", map[string]any{"kind": "individual", "name": "张三", "region": "杭州",
		"contacts": []map[string]string{{"name": "张三", "mobile": "13900000001"}}}, 409)
	if len(p.Hits) != 1 || p.Hits[0].Owner.Name != "Rep One" || p.Hits[0].Value != "+8613900000001" {
		t.Errorf("refused entry: %+v", p.Hits)
	}
}

func TestFindByNumberIsMasked(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2 := s.login("rep1"), s.login("rep2")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", richEntry(), 201, &r)
	var list api.ResourceList
	rep2.Do("GET", "/api/v1/resources?number=%2B86%20137%200000%200002", nil, 200, &list)
	if len(list.Items) != 1 || list.Items[0].ID != r.ID || !list.Items[0].Masked || list.Items[0].Numbers != nil {
		t.Fatalf("rep2 finds by the contact's mobile: %+v", list.Items)
	}
	list = api.ResourceList{} // decode afresh: omitted fields would keep old values
	rep1.Do("GET", "/api/v1/resources?number=0512-65881299", nil, 200, &list)
	if len(list.Items) != 1 || list.Items[0].Masked || len(list.Items[0].Numbers) == 0 {
		t.Fatalf("the owner finds by fax: %+v", list.Items)
	}
	list = api.ResourceList{}
	rep1.Do("GET", "/api/v1/resources?number=13312345678", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Errorf("an unknown number found %+v", list.Items)
	}
	rep1.Problem("GET", "/api/v1/resources?number=abc", nil, 422)
}

func TestIdentityEditReRunsTheSearch(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	var a, b api.ResourceView
	rep1.Do("POST", "/api/v1/resources", richEntry(), 201, &a)
	rep2.Do("POST", "/api/v1/resources", enterBody("杭州恒远机械有限公司", "0571-88886666", "13600000000"), 201, &b)

	// Renaming b to a's company collides and changes nothing (R12).
	p := rep2.Problem("PATCH", "/api/v1/resources/"+itoa(b.ID), map[string]any{"name": "日东精密电子（苏州）有限公司"}, 409)
	if len(p.Hits) != 1 || p.Hits[0].ResourceID != a.ID || p.Hits[0].MatchedOn != "company_key" {
		t.Fatalf("rename into a collision: %+v", p)
	}
	// So does taking a's fax as b's landline.
	rep2.Problem("PATCH", "/api/v1/resources/"+itoa(b.ID), map[string]any{"numbers": []map[string]string{{"type": "landline", "value": "0512-65881299"}}}, 409)
	var got api.ResourceView
	rep2.Do("GET", "/api/v1/resources/"+itoa(b.ID), nil, 200, &got)
	if got.Name != "杭州恒远机械有限公司" || got.Numbers[0].Normalized != "+8657188886666" {
		t.Fatalf("a refused edit changed the resource: %+v", got)
	}

	// Another rep may not edit; the owner and support may.
	rep1.Problem("PATCH", "/api/v1/resources/"+itoa(b.ID), map[string]any{"name": "x"}, 403)
	rep2.Do("PATCH", "/api/v1/resources/"+itoa(b.ID), map[string]any{"name": "杭州恒远精密机械有限公司",
		"numbers": []map[string]string{{"type": "landline", "value": "0571-88887777"}}}, 200, &got)
	if got.CompanyKey != "恒远精密机械" || len(got.Numbers) != 2 || got.Numbers[0].Normalized != "+8657188887777" {
		t.Fatalf("after the edit: %+v", got)
	}
	// The old number is free again; the new one is taken.
	var res api.SearchResponse
	rep1.Do("POST", "/api/v1/collisions/search", map[string]any{"numbers": []map[string]string{{"type": "landline", "value": "0571-88886666"}}}, 200, &res)
	if len(res.Hits) != 0 {
		t.Errorf("the replaced number still collides: %+v", res.Hits)
	}
	rep1.Do("POST", "/api/v1/collisions/search", map[string]any{"numbers": []map[string]string{{"type": "fax", "value": "0571-88887777"}}}, 200, &res)
	if len(res.Hits) != 1 || res.Hits[0].ResourceID != b.ID {
		t.Errorf("the new number does not collide: %+v", res.Hits)
	}
	support.Do("PATCH", "/api/v1/resources/"+itoa(b.ID), map[string]any{"region": "杭州市"}, 200, &got)
	if got.Region != "杭州市" {
		t.Errorf("support's edit: %+v", got)
	}
}

func TestReferralReachesTheOwner(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, assistant := s.login("rep1"), s.login("rep2"), s.login("assistant1")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", richEntry(), 201, &r)
	var ref api.ReferralView
	rep2.Do("POST", "/api/v1/referrals", map[string]any{"resource_id": r.ID, "note": "they called about 200 units",
		"lead": map[string]string{"company": "苏州日东精密电子有限公司", "contact": "李工", "mobile": "13500000000"}}, 201, &ref)
	if ref.To.Name != "Rep One" || ref.From.Name != "Rep Two" {
		t.Fatalf("referral %+v", ref)
	}
	assistant.Do("POST", "/api/v1/referrals", map[string]any{"resource_id": r.ID, "note": "walk-in"}, 201, nil)
	rep1.Problem("POST", "/api/v1/referrals", map[string]any{"resource_id": r.ID, "note": "to myself"}, 409)
	rep2.Problem("POST", "/api/v1/referrals", map[string]any{"resource_id": r.ID}, 422)

	var inbox struct{ Items []api.ReferralView }
	rep1.Do("GET", "/api/v1/referrals", nil, 200, &inbox)
	if len(inbox.Items) != 2 || inbox.Items[1].Lead["mobile"] != "13500000000" || inbox.Items[1].Note != "they called about 200 units" {
		t.Fatalf("owner's referrals: %+v", inbox.Items)
	}
	rep2.Do("GET", "/api/v1/referrals", nil, 200, &inbox)
	if len(inbox.Items) != 0 {
		t.Errorf("rep2 received %d referrals", len(inbox.Items))
	}
	rep2.Do("GET", "/api/v1/referrals?box=sent", nil, 200, &inbox)
	if len(inbox.Items) != 1 {
		t.Errorf("rep2 sent %d referrals", len(inbox.Items))
	}
}

// flatten lists every string and number in a decoded JSON value.
func flatten(v any) []string {
	switch x := v.(type) {
	case map[string]any:
		var out []string
		for k, e := range x {
			out = append(out, k)
			out = append(out, flatten(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	case string:
		return []string{x}
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	}
	return nil
}
