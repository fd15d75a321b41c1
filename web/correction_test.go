package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/intake"
)

// A public resource assigned on an application for a company of another
// name must have its name corrected (R10): the 360 says so, with the name
// applied for and the deadline's rule; a third name is refused next to the
// field; the name applied for settles it, and the story says so.
func TestNameCorrectionIsMadeOnThe360(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	old := f.released("苏州旧名塑料厂", "0512-66440000", "13966440000")
	a, err := f.apps.Apply(ctx, f.users["assistant1"], applications.Input{Type: applications.AppAssistantSpecial,
		ForRepID: f.users["rep2"].ID, Reason: "客户改名了", Proposed: &intake.Entry{Kind: "enterprise", Name: "苏州新名塑料制品有限公司",
			Region: "苏州", Numbers: []intake.EntryNumber{{Type: "landline", Value: "0512-66441111"}},
			Contacts: []intake.EntryContact{{Name: "周经理", Mobile: "13966441111"}}}})
	if err != nil {
		t.Fatal(err)
	}
	// 任务 says, as the number is typed, that the name differs (R10).
	support := f.signedIn("support1")
	if _, body := f.do(support, "GET", "/tasks/"+itoa(a.ID)+"/assign-check?resource_id="+itoa(old.ID), nil, "HX-Request", "true"); !strings.Contains(body, "<b>苏州旧名塑料厂</b>") ||
		!strings.Contains(body, "名称与申请不同") || strings.Contains(body, "<html") {
		t.Errorf("the assign check: %s", body)
	}
	if _, err := f.apps.Approve(ctx, f.users["support1"], a.ID, applications.Approval{Mode: "assign", ResourceID: old.ID}); err != nil {
		t.Fatal(err)
	}
	c := f.browser()
	f.login(c, "rep2")
	page := "/resources/" + itoa(old.ID)
	_, body := f.do(c, "GET", page, nil)
	for _, want := range []string{"须更正名称", "<b>苏州新名塑料制品有限公司</b>", "名称更正截止", "name_correction.deadline", `<details class="edit" open>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the 360 of an assigned resource lacks %q", want)
		}
	}
	form := url.Values{"name": {"苏州第三塑料有限公司"}, "region": {"苏州"}, "numbers[0].type": {"landline"}, "numbers[0].value": {"0512-66440000"}}
	resp, body := f.do(c, "POST", page+"/identity", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="苏州第三塑料有限公司" aria-invalid="true"`) ||
		!strings.Contains(body, "须更正名称：名称必须是所申请的公司 苏州新名塑料制品有限公司") {
		t.Errorf("a third name: %d\n%s", resp.StatusCode, body)
	}
	form.Set("name", "苏州新名塑料制品有限公司")
	if resp, body := f.do(c, "POST", page+"/identity", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the correction: %d\n%s", resp.StatusCode, body)
	}
	_, body = f.do(c, "GET", page, nil)
	if strings.Contains(body, "须更正名称") || !strings.Contains(body, "（名称更正）") || !strings.Contains(body, "名称已更正") {
		t.Errorf("after the correction the 360 shows\n%s", body)
	}
}
