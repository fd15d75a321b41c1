package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// An admin writes capacity.limit = rep.id == N ? 1 : 300 in 规则: an
// expression that does not compile is refused with a caret under its
// column; a fixture that fails is refused next to its row, everything typed
// kept; the fixed version is saved as a draft, checked, dry-run (the
// figures the service gives), activated, and the next entry of that rep is
// refused naming the version.
func TestAdminWritesARuleInTheEditor(t *testing.T) {
	f := newFixture(t)
	admin := f.signedIn("admin1")
	rep := f.signedIn("rep1")
	f.entered(rep, entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	if _, body := f.do(admin, "GET", "/admin/rules", nil); !strings.Contains(body, `href="/admin/rules/capacity.limit"`) ||
		!strings.Contains(body, "销售的私海最多可持有多少资源") {
		t.Fatal("规则 does not list capacity.limit in Chinese")
	}
	_, body := f.do(admin, "GET", "/admin/rules/capacity.limit", nil)
	for _, want := range []string{"rep.id", "counts.private", "生效中", `id="expression"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the rule page lacks %q", want)
		}
	}
	id := itoa(f.users["rep1"].ID)
	form := url.Values{"expression": {"rep.id == " + id + " ? 1 : "}, "comment": {"pilot for rep1"},
		"fixture_name": {"rep1", "others"}, "fixture_env": {`{"rep": {"id": ` + id + `}}`, `{"rep": {"id": 999}}`},
		"fixture_expect": {"1", "30"}}
	resp, body := f.do(admin, "POST", "/admin/rules/capacity.limit/versions", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<pre class="caret"`) || !strings.Contains(body, "第 1 行") ||
		!strings.Contains(body, "pilot for rep1") {
		t.Errorf("an expression that does not compile: %d\n%s", resp.StatusCode, body)
	}
	form.Set("expression", "rep.id == "+id+" ? 1 : 300")
	resp, body = f.do(admin, "POST", "/admin/rules/capacity.limit/versions", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `class="error fixture-error">others`) ||
		!strings.Contains(body, `value="30"`) {
		t.Errorf("a failing fixture: %d\n%s", resp.StatusCode, body)
	}
	form["fixture_expect"] = []string{"1", "300"}
	resp, _ = f.do(admin, "POST", "/admin/rules/capacity.limit/versions", form)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=created-2") {
		t.Fatalf("the draft: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = f.do(admin, "POST", "/admin/rules/capacity.limit/versions/2/test", url.Values{"dry_run": {"1"}})
	tested, err := f.rules.TestVersion(t.Context(), "capacity.limit", 2, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<b class="passed">2 / 2</b>`) ||
		!strings.Contains(body, `<b class="changed">`+itoa(int64(tested.DryRun.Changed))+`</b>`) ||
		!strings.Contains(body, `<b class="decisions">`+itoa(int64(tested.DryRun.Decisions))+`</b>`) || tested.DryRun.Changed != 1 ||
		!strings.Contains(body, `<tr><td>user/`+id+` 王一</td><td>300</td><td><b>1</b></td></tr>`) {
		t.Errorf("the dry run: %d, service %+v\n%s", resp.StatusCode, tested.DryRun, body)
	}
	if _, body := f.do(admin, "GET", "/admin/rules/capacity.limit", nil); !strings.Contains(body, `<ins>rep.id == `+id+` ? 1 : </ins><span>300</span>`) {
		t.Errorf("version 2 shows no diff against version 1\n%s", body)
	}
	if resp, _ := f.do(admin, "POST", "/admin/rules/capacity.limit/versions/2/activate", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("activate: %d", resp.StatusCode)
	}
	resp, body = f.do(rep, "POST", "/enter", entryForm("苏州恒远机械有限公司", "0512-66001234", "13900001111"))
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "capacity.limit 第 2 版") {
		t.Errorf("rep1's second entry: %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := f.do(rep, "GET", "/admin/rules", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a rep opened 规则: %d", resp.StatusCode)
	}
}
