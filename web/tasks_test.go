package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A rep who cannot enter a company applies from 录入 (R8); sales support
// finds it in 任务 with its search and the rep's capacity, is refused a
// rejection without a reason next to the field, approves it for the rep to
// enter (R9), and the rep sees the deadline in 我的申请. A second decision
// is refused naming who decided first.
func TestSupportDecidesATaskFromTheQueue(t *testing.T) {
	f := newFixture(t)
	rep := f.signedIn("rep2")
	form := entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678")
	form.Set("reason", "客户要求先审核")
	resp, body := f.do(rep, "POST", "/enter/apply", url.Values{"name": {""}, "reason": {"x"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<details class="apply" open>`) ||
		!strings.Contains(body, `value="x"`) && !strings.Contains(body, ">x</textarea>") || !strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("an application without a name: %d", resp.StatusCode)
	}
	resp, _ = f.do(rep, "POST", "/enter/apply", form)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/applications?filed=") {
		t.Fatalf("apply to enter: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	id := strings.TrimPrefix(resp.Header.Get("Location"), "/applications?filed=")

	s1, s2 := f.signedIn("support1"), f.signedIn("admin1")
	_, body = f.do(s1, "GET", "/tasks", nil)
	if !strings.Contains(body, `href="/tasks/`+id+`"`) || !strings.Contains(body, "李二") {
		t.Fatalf("任务 lacks the application\n%s", body)
	}
	if _, frag := f.do(s1, "GET", "/tasks", nil, "HX-Request", "true"); strings.Contains(frag, "<html") || !strings.Contains(frag, `id="queue"`) {
		t.Error("the queue's refresh is not a fragment")
	}
	_, body = f.do(s1, "GET", "/tasks/"+id, nil)
	for _, want := range []string{"日东精密电子", "客户要求先审核", "未撞单", "0 / 300", "application.review_deadline"} {
		if !strings.Contains(body, want) {
			t.Errorf("the task lacks %q", want)
		}
	}
	resp, body = f.do(s1, "POST", "/tasks/"+id+"/reject", url.Values{"reason": {" "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="reject-reason" name="reason" rows="3" aria-invalid="true"`) {
		t.Errorf("a rejection without a reason: %d", resp.StatusCode)
	}
	if resp, _ := f.do(s1, "POST", "/tasks/"+id+"/approve", url.Values{"mode": {"self_entry"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	resp, body = f.do(s2, "POST", "/tasks/"+id+"/reject", url.Values{"reason": {"重复"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "已由 张支持 于") {
		t.Errorf("a second decision: %d\n%s", resp.StatusCode, body)
	}
	if _, body := f.do(s1, "GET", "/tasks", nil); strings.Contains(body, `href="/tasks/`+id+`"`) {
		t.Error("the decided task is still in the queue")
	}
	_, body = f.do(rep, "GET", "/applications", nil)
	if !strings.Contains(body, "已批准") || !strings.Contains(body, `<span class="days`) {
		t.Errorf("我的申请 does not show the approval with its deadline\n%s", body)
	}
	// The rep completes the approved entry from 我的申请 (R9): the form comes
	// filled with what they applied for.
	if !strings.Contains(body, `href="/enter?application=`+id+`"`) {
		t.Fatal("我的申请 offers no way to complete the approved entry")
	}
	_, body = f.do(rep, "GET", "/enter?application="+id, nil)
	if !strings.Contains(body, `value="苏州日东精密电子有限公司"`) || !strings.Contains(body, `name="application_id" value="`+id+`"`) ||
		!strings.Contains(body, `value="0512-65881234"`) {
		t.Errorf("the completion form is not filled\n%s", body)
	}
	form.Set("application_id", id)
	resp, _ = f.do(rep, "POST", "/enter", form)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/mine?entered=") {
		t.Errorf("completing the entry: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := f.do(rep, "GET", "/applications", nil); !strings.Contains(body, "已录入") {
		t.Error("我的申请 does not show the application entered")
	}
	if resp, _ := f.do(rep, "GET", "/tasks", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a rep opened 任务: %d", resp.StatusCode)
	}
}
