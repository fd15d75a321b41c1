package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/store"
)

// 疑似撞单: an entry that looks like another company under another key is
// raised; sales support sees the pair with its reasons and closes it as
// two companies once; a rep may not open the queue.
func TestDuplicatesQueue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, e := range []struct{ rep, name, number string }{
		{"rep1", "苏州日东精密电子有限公司", "0512-65881234"}, {"rep2", "苏州日冬电子科技有限公司", "0512-67000001"}} {
		if _, err := f.seas.Enter(ctx, f.users[e.rep], intake.Entry{Kind: "enterprise", Name: e.name, Region: "苏州",
			Contacts: []intake.EntryContact{{Name: "经理"}}, Numbers: []intake.EntryNumber{{Type: "landline", Value: e.number}}}); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := f.store.Reviews(ctx, store.ReviewFilter{State: likeness.StateOpen})
	if err != nil || len(rs) != 1 {
		t.Fatalf("raised %+v %v", rs, err)
	}

	rep := f.browser()
	f.login(rep, "rep1")
	if resp, _ := f.do(rep, "GET", "/duplicates", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a rep opening the queue: %d", resp.StatusCode)
	}

	c := f.browser()
	f.login(c, "support1")
	_, body := f.do(c, "GET", "/duplicates", nil)
	for _, want := range []string{"疑似撞单", "苏州日东精密电子有限公司", "苏州日冬电子科技有限公司", "王一", "李二",
		"字号 日冬 / 日东 同音（ri dong）；同在苏州；行业 电子科技 / 精密电子", "不是同一家公司"} {
		if !strings.Contains(body, want) {
			t.Errorf("the queue lacks %q:\n%s", want, body)
		}
	}
	// Both 360s show the pair.
	for _, id := range []int64{rs[0].Earlier.ResourceID, rs[0].Later.ResourceID} {
		_, body := f.do(c, "GET", "/resources/"+itoa(id), nil)
		if !strings.Contains(body, "疑似撞单") || !strings.Contains(body, "待复核") || !strings.Contains(body, "同音（ri dong）") {
			t.Errorf("the 360 of %d does not show the pair:\n%s", id, body)
		}
	}
	path := "/duplicates/" + itoa(rs[0].ID) + "/different"
	resp, _ := f.do(c, "POST", path, nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/duplicates?decided=") {
		t.Fatalf("deciding: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = f.do(c, "GET", resp.Header.Get("Location"), nil)
	if !strings.Contains(body, "已处理：是两家不同的公司") || !strings.Contains(body, "没有待处理的疑似撞单") {
		t.Errorf("after deciding:\n%s", body)
	}
	resp, body = f.do(c, "POST", path, nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "已经处理过") {
		t.Errorf("deciding twice: %d\n%s", resp.StatusCode, body)
	}
}

// A contact added later can make a resource look like another company: the
// pair is raised as an identity edit's would be.
func TestContactAddedRaisesAPossibleDuplicate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	entry := func(rep, name, number, contact, email string) int64 {
		r, err := f.seas.Enter(ctx, f.users[rep], intake.Entry{Kind: "enterprise", Name: name, Region: "杭州",
			Contacts: []intake.EntryContact{{Name: contact, Email: email}}, Numbers: []intake.EntryNumber{{Type: "landline", Value: number}}})
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	first := entry("rep1", "杭州甲乙机械有限公司", "0571-88001234", "周建国", "zhou@jiayi-jx.cn")
	second := entry("rep2", "杭州丙丁服装有限公司", "0571-88005678", "吴海燕", "")
	if rs, _ := f.store.Reviews(ctx, store.ReviewFilter{}); len(rs) != 0 {
		t.Fatalf("two unlike companies raised %+v", rs)
	}
	svc := &customers.Service{Store: f.store, Likeness: f.seas}
	if _, _, err := svc.AddContact(ctx, f.users["rep2"], second, intake.EntryContact{Name: "周建国", Email: "zhou.jg@jiayi-jx.cn"}); err != nil {
		t.Fatal(err)
	}
	rs, err := f.store.Reviews(ctx, store.ReviewFilter{})
	if err != nil || len(rs) != 1 || rs[0].Earlier.ResourceID != first || rs[0].Later.ResourceID != second || rs[0].Action != "contact" {
		t.Fatalf("after the contact: %+v %v", rs, err)
	}
}
