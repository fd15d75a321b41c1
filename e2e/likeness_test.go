package e2e

import (
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/sheet/sheettest"
	"github.com/tide-crm/tide/store/dbtest"
)

// TestSearchAnswersPossibleDuplicates: beside the exact hits, the search
// answers the resources that are likely the same company under another
// key (疑似撞单), strongest first, with their reasons in words and what a
// hit shows of them — the owner's name, nothing private.
func TestSearchAnswersPossibleDuplicates(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2 := s.login("rep1"), s.login("rep2")
	var r api.ResourceView
	rep1.Do("POST", "/api/v1/resources", richEntry(), 201, &r) // 苏州日东精密电子中心有限公司, contact 王经理

	var res api.SearchResponse
	rep2.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": "苏州日冬电子科技有限公司"}), 200, &res)
	if len(res.Hits) != 0 || len(res.Maybe) != 1 {
		t.Fatalf("hits %+v, maybe %+v; want no hit and one possible duplicate", res.Hits, res.Maybe)
	}
	m := res.Maybe[0]
	if m.ResourceID != r.ID || m.Owner == nil || m.Owner.Name != "Rep One" || m.Mine || m.Sea != "private" ||
		m.Score < 60 || !strings.HasPrefix(m.Rule, "likeness.score@") {
		t.Errorf("maybe %+v", m)
	}
	var texts []string
	for _, why := range m.Reasons {
		texts = append(texts, why.Text)
	}
	if got := strings.Join(texts, "；"); got != "字号 日冬 / 日东 同音（ri dong）；同在苏州；行业 电子科技 / 精密电子" {
		t.Errorf("reasons %q", got)
	}

	// The exact key is a hit, not also a possible duplicate of itself.
	rep2.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": "日东精密电子有限公司"}), 200, &res)
	if len(res.Hits) != 1 || len(res.Maybe) != 0 {
		t.Errorf("exact key: hits %d, maybe %+v", len(res.Hits), res.Maybe)
	}
	// Look-alikes that are other companies are not raised.
	for _, other := range []string{"苏州日立精密电子有限公司", "杭州日东餐饮有限公司"} {
		rep2.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": other}), 200, &res)
		if len(res.Maybe) != 0 {
			t.Errorf("%s: maybe %+v", other, res.Maybe)
		}
	}
	// A renamed company found by its contact and mail domain; nothing of
	// the other's contacts or numbers in the answer but what was typed.
	var body map[string]any
	rep2.Do("POST", "/api/v1/collisions/search", search(map[string]any{"name": "苏州新名字贸易有限公司",
		"contacts": []map[string]string{{"name": "王经理", "email": "li@rido.com.cn"}}}), 200, &body)
	if maybe, _ := body["maybe"].([]any); len(maybe) != 1 {
		t.Fatalf("renamed: maybe %v", body["maybe"])
	}
	text := strings.Join(flatten(body), " ")
	for _, secret := range []string{"65881234", "13800138000", "wang@rido.com.cn", "采购经理"} {
		if strings.Contains(text, secret) {
			t.Errorf("the answer shows %q of another rep's resource: %s", secret, text)
		}
	}
}

// TestPossibleDuplicatesAreRaisedAndReviewed: an entry that meets a strong
// candidate succeeds, and the pair waits in sales support's queue and in
// both resources' 360; "different" closes it once (the second decision is
// a conflict), and only sales support and admins see the queue.
func TestPossibleDuplicatesAreRaisedAndReviewed(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	first, second, p := lookAlikes(t, s)
	var queue struct{ Items []api.DuplicateView }
	if p.Earlier.ResourceID != first.ID || p.Later.ResourceID != second.ID || p.State != "open" || p.Action != "entry" ||
		p.RaisedBy == nil || p.RaisedBy.Name != "Rep Two" || p.Score < 60 || len(p.Reasons) == 0 {
		t.Errorf("pair %+v", p)
	}
	rep1.Problem("GET", "/api/v1/duplicates", nil, 403)
	rep2.Problem("POST", "/api/v1/duplicates/"+itoa(p.ID)+"/different", nil, 403)

	for _, id := range []int64{first.ID, second.ID} {
		var v api.View360
		support.Do("GET", "/api/v1/resources/"+itoa(id)+"/360", nil, 200, &v)
		if len(v.Duplicates) != 1 || v.Duplicates[0].ID != p.ID {
			t.Errorf("360 of %d: duplicates %+v", id, v.Duplicates)
		}
	}

	var decided api.DuplicateView
	support.Do("POST", "/api/v1/duplicates/"+itoa(p.ID)+"/different", nil, 200, &decided)
	if decided.State != "different" || decided.DecidedBy == nil || decided.DecidedAt == nil {
		t.Errorf("decided %+v", decided)
	}
	if pr := support.Problem("POST", "/api/v1/duplicates/"+itoa(p.ID)+"/different", nil, 409); !strings.Contains(pr.Detail, "different") {
		t.Errorf("second decision: %+v", pr)
	}
	support.Do("GET", "/api/v1/duplicates", nil, 200, &queue)
	if len(queue.Items) != 0 {
		t.Errorf("the queue still holds %+v", queue.Items)
	}
	// An edit that meets the same pair again does not raise it again.
	rep2.Do("PATCH", "/api/v1/resources/"+itoa(second.ID), map[string]any{"name": "苏州日冬精密电子科技有限公司"}, 200, nil)
	support.Do("GET", "/api/v1/duplicates?state=all", nil, 200, &queue)
	if len(queue.Items) != 1 || queue.Items[0].State != "different" {
		t.Errorf("after the edit: %+v", queue.Items)
	}
}

// TestPublicImportRaisesPossibleDuplicates: rows a public import enters
// are searched for possible duplicates after their commit, as an edit is:
// a homophone of a protected resource waits in sales support's queue,
// raised "on an import"; the rows that look like nothing raise nothing.
func TestPublicImportRaisesPossibleDuplicates(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	support := s.login("support")
	var first api.ResourceView
	s.login("rep1").Do("POST", "/api/v1/resources", richEntry(), 201, &first) // 苏州日东精密电子中心有限公司
	alike := sheettest.Company("冬", 500000, 0)
	alike["公司名称"], alike["行业"] = "苏州日冬电子科技有限公司", "电子科技"
	rows := []sheettest.Row{alike, sheettest.Company("独", 500000, 1), sheettest.Company("特", 500000, 2)}
	imp := uploadImport(t, support, "public", "look-alike.csv", sheettest.CSV(t, sheettest.Records(rows), true))
	support.Do("POST", "/api/v1/imports/"+itoa(imp.ID)+"/commit", nil, 202, nil)
	done := poll(t, support, "/api/v1/imports/"+itoa(imp.ID), "the import to finish", func(v api.ImportView) bool { return v.State == "done" })
	if done.Entered != 3 {
		t.Fatalf("import %+v", done)
	}
	var queue struct{ Items []api.DuplicateView }
	support.Do("GET", "/api/v1/duplicates", nil, 200, &queue)
	if len(queue.Items) != 1 {
		t.Fatalf("queue %+v; want the one look-alike", queue.Items)
	}
	p := queue.Items[0]
	if p.Earlier.ResourceID != first.ID || p.Later.Name != "苏州日冬电子科技有限公司" || p.Later.Sea != "public" ||
		p.Action != "import" || p.RaisedBy == nil || p.Score < 60 {
		t.Errorf("pair %+v", p)
	}
}

// TestSameCompanyMovesTheProtection: sales support decides a pair is one
// company; the later resource is rep1's now, under a new protection that
// Temporal runs (rep1's release goes through it), and rep2 no longer
// holds it.
func TestSameCompanyMovesTheProtection(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2, support := s.login("rep1"), s.login("rep2"), s.login("support")
	first, second, p := lookAlikes(t, s)
	var decided api.DuplicateView
	support.Do("POST", "/api/v1/duplicates/"+itoa(p.ID)+"/same", nil, 200, &decided)
	if decided.State != "same" || decided.Later.Owner == nil || decided.Later.Owner.Name != "Rep One" {
		t.Fatalf("decided %+v", decided)
	}
	support.Problem("POST", "/api/v1/duplicates/"+itoa(decided.ID)+"/different", nil, 409)

	var v api.View360
	rep1.Do("GET", "/api/v1/resources/"+itoa(second.ID)+"/360", nil, 200, &v)
	last := v.History[len(v.History)-1]
	if v.Resource.Owner == nil || v.Resource.Owner.Name != "Rep One" || last.Path != "duplicate" {
		t.Errorf("the later's 360: owner %+v, last move %+v", v.Resource.Owner, last)
	}
	for _, id := range []int64{first.ID, second.ID} {
		var w api.View360
		support.Do("GET", "/api/v1/resources/"+itoa(id)+"/360", nil, 200, &w)
		told := false
		for _, it := range w.Story {
			told = told || it.Event == "resource.duplicate" && strings.Contains(it.Summary, "one company with resource")
		}
		if !told {
			t.Errorf("the story of %d does not tell the decision: %+v", id, w.Story)
		}
	}
	rep2.Problem("POST", "/api/v1/resources/"+itoa(second.ID)+"/release", map[string]string{"reason": "不是我的了"}, 403)
	var released api.ResourceView
	rep1.Do("POST", "/api/v1/resources/"+itoa(second.ID)+"/release", map[string]string{"reason": "同一家公司，留一个"}, 200, &released)
	if released.Sea != "public" {
		t.Errorf("after rep1's release: %+v", released)
	}
}

// lookAlikes has rep1 enter 苏州日东精密电子中心有限公司 and rep2 its homophone
// 苏州日冬电子科技有限公司, and returns both with the one pair sales
// support's queue then holds.
func lookAlikes(t *testing.T, s *system) (first, second api.ResourceView, pair api.DuplicateView) {
	t.Helper()
	s.login("rep1").Do("POST", "/api/v1/resources", richEntry(), 201, &first)
	s.login("rep2").Do("POST", "/api/v1/resources", map[string]any{"kind": "enterprise", "name": "苏州日冬电子科技有限公司", "region": "苏州",
		"numbers": []map[string]string{{"type": "landline", "value": "0512-6700 0001"}}, "contacts": []map[string]string{{"name": "李娜"}}}, 201, &second)
	var queue struct{ Items []api.DuplicateView }
	s.login("support").Do("GET", "/api/v1/duplicates", nil, 200, &queue)
	if len(queue.Items) != 1 {
		t.Fatalf("queue %+v, want the one pair", queue.Items)
	}
	return first, second, queue.Items[0]
}
