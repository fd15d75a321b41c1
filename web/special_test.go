package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// An assistant files the special application for a rep they choose from
// 公海 (R8); a missing rep is refused next to the select with the reason
// kept; the application shows in the assistant's 我的申请.
func TestAssistantFilesASpecialApplicationForARep(t *testing.T) {
	f := newFixture(t)
	r := f.released("苏州恒远机械有限公司", "0512-66001234", "13900001111")
	c := f.browser()
	f.login(c, "assistant1")
	if _, body := f.do(c, "GET", "/public", nil); !strings.Contains(body, `href="/public/`+itoa(r.ID)+`/apply" class="small">特殊申请`) {
		t.Fatalf("公海 offers an assistant no special application\n%s", body)
	}
	apply := "/public/" + itoa(r.ID) + "/apply"
	_, body := f.do(c, "GET", apply, nil)
	for _, name := range []string{"王一", "李二", "赵三"} {
		if !strings.Contains(body, ">"+name+"</option>") {
			t.Errorf("the rep select lacks %s", name)
		}
	}
	if strings.Contains(body, "张支持") || strings.Contains(body, "@example.com") {
		t.Error("the rep select shows more than reps' names")
	}
	resp, body := f.do(c, "POST", apply, url.Values{"reason": {"展会上认识的"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "助理须为某位销售申请") ||
		!strings.Contains(body, `<select id="for_rep_id" name="for_rep_id" aria-invalid="true">`) || !strings.Contains(body, "展会上认识的</textarea>") {
		t.Errorf("no rep chosen: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = f.do(c, "POST", apply, url.Values{"reason": {"展会上认识的"}, "for_rep_id": {itoa(f.users["rep2"].ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the special application: %d", resp.StatusCode)
	}
	_, body = f.do(c, "GET", resp.Header.Get("Location"), nil)
	if !strings.Contains(body, "苏州恒远机械有限公司") || !strings.Contains(body, "特殊申请（助理代办）") {
		t.Errorf("我的申请 lacks the special application\n%s", body)
	}
}

// The bar's badge counts unread notifications; it is a fragment htmx loads,
// so a page never waits for it; reading one lowers it.
func TestNotificationBadgeCountsUnread(t *testing.T) {
	f := newFixture(t)
	c1, c2 := f.browser(), f.browser()
	f.login(c1, "rep1")
	f.login(c2, "rep2")
	if _, body := f.do(c1, "GET", "/", nil); !strings.Contains(body, `hx-get="/notifications/badge" hx-trigger="load, every 60s"`) {
		t.Fatal("the bar has no badge slot")
	}
	_, body := f.do(c1, "GET", "/notifications/badge", nil, "HX-Request", "true")
	if strings.Contains(body, `class="badge"`) {
		t.Errorf("a badge with nothing unread: %s", body)
	}
	id, _ := f.entered(c1, entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	if resp, _ := f.do(c2, "POST", "/refer/"+itoa(id), url.Values{"note": {"客户打来电话"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("referral: %d", resp.StatusCode)
	}
	_, body = f.do(c1, "GET", "/notifications/badge", nil, "HX-Request", "true")
	if !strings.Contains(body, `<span class="badge" title="1">1<span class="sr"> 条未读</span></span>`) || strings.Contains(body, "<html") {
		t.Errorf("the badge after a referral: %s", body)
	}
}
