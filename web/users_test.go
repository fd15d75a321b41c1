package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tide-crm/tide/people"
)

// An admin creates rep4 in 用户: bad input is refused next to each field
// with what was typed kept (the password never shown again); rep4 signs in
// and must choose their own password before any page opens; disabled,
// rep4's open browser is sent to 登录 on its next click.
func TestAdminCreatesAUserWhoMustChooseAPassword(t *testing.T) {
	f := newFixture(t)
	admin := f.browser()
	f.login(admin, "admin1")
	resp, body := f.do(admin, "POST", "/admin/users", url.Values{"username": {"Rep 4"}, "name": {"赵四"}, "role": {"rep"}, "password": {"short"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="username" name="username" value="Rep 4" autocomplete="off" aria-invalid="true"`) ||
		!strings.Contains(body, `value="赵四"`) || !strings.Contains(body, `id="password" name="password" type="password" autocomplete="new-password" aria-invalid="true"`) ||
		strings.Contains(body, `value="short"`) {
		t.Errorf("a bad user: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = f.do(admin, "POST", "/admin/users", url.Values{"username": {"rep4"}, "name": {"赵四"}, "role": {"rep"}, "password": {"first-pass-4"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/users?created=rep4" {
		t.Fatalf("create: %d to %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := f.do(admin, "GET", "/admin/users?created=rep4", nil); !strings.Contains(body, "已创建") || !strings.Contains(body, "须修改密码") {
		t.Error("用户 does not show the new user waiting for their own password")
	}

	rep4 := f.browser()
	resp, _ = f.do(rep4, "POST", "/login", url.Values{"username": {"rep4"}, "password": {"first-pass-4"}, "next": {"/mine"}})
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/me/password?next=") {
		t.Fatalf("first sign-in goes to %q", loc)
	}
	if _, body := f.do(rep4, "GET", "/me/password", nil); !strings.Contains(body, "您的密码由管理员设置") || strings.Contains(body, "/notifications/badge") {
		t.Error("the password page does not say why, or offers the bar's links (whose badge would loop)")
	}
	if resp, _ := f.do(rep4, "GET", "/search", nil); !strings.HasPrefix(resp.Header.Get("Location"), "/me/password") {
		t.Errorf("before choosing a password the search is open: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = f.do(rep4, "POST", "/me/password", url.Values{"current_password": {"first-pass-4"}, "new_password": {"my-own-pass"},
		"repeat_password": {"my-own-pasz"}, "next": {"/mine"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "两次输入的新密码不一致") {
		t.Errorf("two new passwords that differ: %d", resp.StatusCode)
	}
	resp, body = f.do(rep4, "POST", "/me/password", url.Values{"current_password": {"wrong-pass-4"}, "new_password": {"my-own-pass"},
		"repeat_password": {"my-own-pass"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="current_password" name="current_password" type="password" autocomplete="current-password" aria-invalid="true"`) {
		t.Errorf("a wrong current password: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = f.do(rep4, "POST", "/me/password", url.Values{"current_password": {"first-pass-4"}, "new_password": {"my-own-pass"},
		"repeat_password": {"my-own-pass"}, "next": {"/mine"}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/me/confirm?next=%2Fmine") {
		t.Fatalf("the change: %d to %q", resp.StatusCode, loc)
	}
	if resp, _ := f.do(rep4, "GET", "/mine", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("after choosing a password 我的客户: %d", resp.StatusCode)
	}

	if resp, _ := f.do(admin, "POST", "/admin/users/rep4/disabled", url.Values{"disabled": {"true"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := f.do(rep4, "GET", "/mine", nil); !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("a disabled user's browser: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// 审计日志 tells each change, who made it and its detail.
	_, body = f.do(admin, "GET", "/admin/audit?action=user.&actor=admin1", nil)
	for _, want := range []string{">user.create<", ">user.disable<", "钱管理", `&#34;username&#34;: &#34;rep4&#34;`} {
		if !strings.Contains(body, want) {
			t.Errorf("审计日志 lacks %s", want)
		}
	}
	if strings.Contains(body, ">user.password<") {
		t.Error("the filter by actor lets rep4's own password change through")
	}
	if resp, body := f.do(admin, "GET", "/admin/audit?actor=nobody", nil); resp.StatusCode != http.StatusNotFound ||
		!strings.Contains(body, "error banner") {
		t.Errorf("an unknown actor: %d", resp.StatusCode)
	}
	if resp, body := f.do(admin, "POST", "/admin/users/admin1/disabled", url.Values{"disabled": {"true"}}); resp.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "管理员不能停用自己") {
		t.Errorf("an admin disabling themself: %d", resp.StatusCode)
	}
}

// An admin sets the reps an assistant serves; the assistant's special
// application offers those only, and one for another rep is refused.
func TestAssistantServesTheRepsAnAdminAssigns(t *testing.T) {
	f := newFixture(t)
	r := f.released("苏州恒远机械有限公司", "0512-66001234", "13900001111")
	admin := f.browser()
	f.login(admin, "admin1")
	if resp, _ := f.do(admin, "POST", "/admin/users/assistant1/reps", url.Values{"rep": {itoa(f.users["rep2"].ID)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set reps: %d", resp.StatusCode)
	}
	if _, body := f.do(admin, "GET", "/admin/users/assistant1", nil); !strings.Contains(body, `value="`+itoa(f.users["rep2"].ID)+`" checked> 李二`) {
		t.Errorf("the assistant's page does not tick rep2\n%s", body)
	}
	c := f.browser()
	f.login(c, "assistant1")
	_, body := f.do(c, "GET", "/public/"+itoa(r.ID)+"/apply", nil)
	if !strings.Contains(body, ">李二</option>") || strings.Contains(body, ">王一</option>") {
		t.Errorf("the rep select offers more than the reps served\n%s", body)
	}
	resp, body := f.do(c, "POST", "/public/"+itoa(r.ID)+"/apply", url.Values{"reason": {"展会"}, "for_rep_id": {itoa(f.users["rep1"].ID)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "您服务的是其他销售") {
		t.Errorf("an application for a rep not served: %d", resp.StatusCode)
	}
	// rep1 holds the released customer's history but nothing now: the role
	// may change; rep2, holding one, may not.
	adminID := f.users["admin1"].ID
	if _, err := f.accounts.SetRole(context.Background(), &adminID, "rep1", people.RoleSupport); err != nil {
		t.Error(err)
	}
	f.entered(f.signedIn("rep2"), entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	if resp, body := f.do(admin, "POST", "/admin/users/rep2/role", url.Values{"role": {"support"}}); resp.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "该销售持有 1 个客户") {
		t.Errorf("a rep holding a customer given another role: %d", resp.StatusCode)
	}
}

// signedIn is a browser signed in as username.
func (f *fixture) signedIn(username string) *http.Client {
	c := f.browser()
	f.login(c, username)
	return c
}
