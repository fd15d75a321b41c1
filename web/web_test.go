package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/auditlog"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/imports"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/referrals"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/web"
)

// fixture is the console over a real database and the real services,
// without Temporal (nothing here starts a workflow).
type fixture struct {
	t        *testing.T
	store    *store.Store
	srv      *httptest.Server
	accounts *account.Service
	seas     *sea.Service
	apps     *applications.Service
	rules    *ruleset.Set
	users    map[string]people.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	rules, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: st, accounts: &account.Service{Store: st, TokenTTL: time.Hour},
		seas: &sea.Service{Store: st, Rules: rules}, users: map[string]people.User{}}
	rules.Deadlines = f.seas                                             // the dry runs
	apps := &applications.Service{Store: st, Rules: rules, Seas: f.seas} // no Outbox: commands wait in the table
	f.apps, f.rules = apps, rules
	f.srv = httptest.NewServer(web.New(web.Deps{Accounts: f.accounts, Seas: f.seas, Referrals: &referrals.Service{Store: st},
		Customers: &customers.Service{Store: st}, Applications: apps, Rules: rules, Calendar: rules, Audit: &auditlog.Service{Store: st},
		Duplicates: f.seas,
		Imports:    &imports.Service{Store: st, Seas: f.seas}}))
	t.Cleanup(f.srv.Close)
	hash, err := auth.HashPassword("password1", bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []people.NewUser{{Username: "rep1", Name: "王一", Role: people.RoleRep}, {Username: "rep2", Name: "李二", Role: people.RoleRep},
		{Username: "support1", Name: "张支持", Role: people.RoleSupport}, {Username: "rep3", Name: "赵三", Role: people.RoleRep},
		{Username: "admin1", Name: "钱管理", Role: people.RoleAdmin}, {Username: "assistant1", Name: "孙助理", Role: people.RoleAssistant}} {
		u.PasswordHash = hash
		if f.users[u.Username], err = st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if u.Username == "rep3" {
			continue // never confirmed (R21)
		}
		if f.users[u.Username], err = f.accounts.UpdateProfile(ctx, f.users[u.Username].ID, account.ProfileInput{
			Email: u.Username + "@example.com", Mobile: "13800138000", TradeManagerID: "cn-" + u.Username, Confirm: true}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// browser is a client with cookies that does not follow redirects, so the
// tests see them.
func (f *fixture) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// do sends a request from the console's own origin, as a browser would.
func (f *fixture) do(c *http.Client, method, path string, form url.Values, header ...string) (*http.Response, string) {
	f.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, f.srv.URL+path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, string(data)
}

// login signs c in as username and fails the test unless it worked.
func (f *fixture) login(c *http.Client, username string) {
	f.t.Helper()
	resp, _ := f.do(c, "POST", "/login", url.Values{"username": {username}, "password": {"password1"}, "next": {"/search"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/search" {
		f.t.Fatalf("login %s: %d to %q", username, resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestSignedOutBrowserIsSentToLogin(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	resp, _ := f.do(c, "GET", "/search?q=x", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2Fsearch%3Fq%3Dx" {
		t.Errorf("page: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// htmx asks for a fragment: it must not get the login page inside it.
	resp, body := f.do(c, "GET", "/search?q=x", nil, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("HX-Redirect"), "/login?next=") || body != "" {
		t.Errorf("fragment: %d, HX-Redirect %q, body %q", resp.StatusCode, resp.Header.Get("HX-Redirect"), body)
	}
	resp, _ = f.do(c, "GET", "/", nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("home: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestWrongPasswordKeepsTheUsernameAndSaysWhyInChinese(t *testing.T) {
	f := newFixture(t)
	resp, body := f.do(f.browser(), "POST", "/login", url.Values{"username": {"rep1"}, "password": {"wrong-guess"}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status %d", resp.StatusCode)
	}
	for _, want := range []string{`value="rep1"`, "用户名不存在或密码错误", `id="password-error"`, `aria-invalid="true"`, `lang="zh-CN"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(body, "wrong-guess") {
		t.Error("the page repeats the password")
	}
	if resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("a refused login set a cookie: %s", resp.Header.Get("Set-Cookie"))
	}
}

func TestSessionCookieAndLogoutEndTheSessionOnTheServer(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	u, _ := url.Parse(f.srv.URL)
	var token string
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "tide_session" {
			token = ck.Value
		}
	}
	if token == "" {
		t.Fatal("no session cookie")
	}
	resp, body := f.do(c, "GET", "/search", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "王一") || !strings.Contains(body, "退出") {
		t.Fatalf("signed in: %d %s", resp.StatusCode, body)
	}
	// The cookie's attributes, as the server set them.
	resp, _ = f.do(f.browser(), "POST", "/login", url.Values{"username": {"rep1"}, "password": {"password1"}})
	sc := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/", "Expires="} {
		if !strings.Contains(sc, want) {
			t.Errorf("Set-Cookie %q lacks %s", sc, want)
		}
	}
	resp, _ = f.do(c, "POST", "/logout", url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Errorf("logout: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := f.accounts.Authenticate(context.Background(), token); err == nil {
		t.Error("the token still works after logout")
	}
}

func TestSearchShowsTheParsedKeyAndTheOwnerOnly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.seas.Enter(ctx, f.users["rep1"], intake.Entry{Kind: "enterprise", Name: "苏州日东精密电子有限公司", Region: "苏州",
		Contacts: []intake.EntryContact{{Name: "张经理", Mobile: "13812345678"}},
		Numbers:  []intake.EntryNumber{{Type: "landline", Value: "0512-65881234"}}}); err != nil {
		t.Fatal(err)
	}
	c := f.browser()
	f.login(c, "rep2")
	resp, body := f.do(c, "GET", "/search?q="+url.QueryEscape("苏州日东精密电子有限公司"), nil, "HX-Request", "true")
	if resp.StatusCode != 200 || strings.Contains(body, "<html") {
		t.Fatalf("fragment: %d %s", resp.StatusCode, body)
	}
	for _, want := range []string{"日东精密电子", "苏州", "日东", "精密电子", "有限公司", "王一", "私海", "撞单"} {
		if !strings.Contains(body, want) {
			t.Errorf("the result lacks %q:\n%s", want, body)
		}
	}
	// A collision answer names the owner and nothing more (R5).
	for _, secret := range []string{"13812345678", "65881234", "张经理"} {
		if strings.Contains(body, secret) {
			t.Errorf("the result shows %q to another rep", secret)
		}
	}
	// A homophone of the trade name is no collision but a possible
	// duplicate (疑似撞单), with its reasons, the owner and nothing more.
	_, body = f.do(c, "GET", "/search?q="+url.QueryEscape("苏州日冬电子科技有限公司"), nil, "HX-Request", "true")
	for _, want := range []string{"未撞单", "疑似撞单", "苏州日东精密电子有限公司", "王一", "字号 日冬 / 日东 同音（ri dong）；同在苏州；行业 电子科技 / 精密电子"} {
		if !strings.Contains(body, want) {
			t.Errorf("the homophone's result lacks %q:\n%s", want, body)
		}
	}
	// A number typed any way finds the same resource, shown in normal form.
	_, body = f.do(c, "GET", "/search?q="+url.QueryEscape("(0512) 6588 1234"), nil)
	if !strings.Contains(body, "8651265881234") || !strings.Contains(body, "王一") || !strings.Contains(body, "<html") {
		t.Errorf("number search page:\n%s", body)
	}
	// The language switch comes back to this very search.
	if !strings.Contains(strings.ToLower(body), `href="/lang/en?next=%2fsearch%3fq%3d`) {
		t.Errorf("the language switch does not lead back here:\n%s", body)
	}
	// A box with nothing to key says why next to it, and keeps what was typed.
	resp, body = f.do(c, "GET", "/search?q="+url.QueryEscape("！！！"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="！！！"`) || !strings.Contains(body, `class="error"`) {
		t.Errorf("no key: %d\n%s", resp.StatusCode, body)
	}
	_, body = f.do(c, "GET", "/search?q="+url.QueryEscape("华为技术有限公司"), nil, "HX-Request", "true")
	if !strings.Contains(body, "未撞单") {
		t.Errorf("a miss:\n%s", body)
	}
}

func TestCrossOriginWritesAreRefused(t *testing.T) {
	f := newFixture(t)
	req, _ := http.NewRequest("POST", f.srv.URL+"/login", strings.NewReader("username=rep1&password=password1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("cross-site login: %d, Set-Cookie %q", resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}
}

func TestHeadersAndAssets(t *testing.T) {
	f := newFixture(t)
	resp, body := f.do(f.browser(), "GET", "/login", nil)
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
	if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("headers %v", resp.Header)
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " on") && strings.Contains(body, "onclick=") {
		t.Error("inline script in the page")
	}
	i := strings.Index(body, `src="/static/`)
	if i < 0 {
		t.Fatal("no script asset")
	}
	src := body[i+5 : i+5+strings.Index(body[i+5:], `"`)]
	resp, js := f.do(f.browser(), "GET", src, nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.Contains(js, "htmx") {
		t.Errorf("asset %s: %d %v", src, resp.StatusCode, resp.Header)
	}
	stale := strings.Replace(src, "/static/", "/static/0", 1)
	if resp, _ := f.do(f.browser(), "GET", stale, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a stale asset URL answered %d", resp.StatusCode)
	}
}

func TestLanguageSwitch(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	resp, _ := f.do(c, "GET", "/lang/en?next=/login", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("switch: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := f.do(c, "GET", "/login", nil)
	if !strings.Contains(body, `lang="en"`) || !strings.Contains(body, ">Log in<") || !strings.Contains(body, "中文") {
		t.Errorf("English page:\n%s", body)
	}
	if resp, _ := f.do(c, "GET", "/lang/en?next=//evil.example/", nil); resp.Header.Get("Location") != "/" {
		t.Errorf("an open redirect: %q", resp.Header.Get("Location"))
	}
}

// entryForm is a 录入 form as a browser posts it.
func entryForm(name, landline, mobile string) url.Values {
	return url.Values{"kind": {"enterprise"}, "name": {name}, "region": {"苏州"},
		"numbers[0].type": {"landline"}, "numbers[0].value": {landline},
		"numbers[1].type": {"mobile"}, "numbers[1].value": {""},
		"contacts[0].name": {"王经理"}, "contacts[0].title": {"采购"}, "contacts[0].mobile": {mobile}}
}

func TestEntryLandsInMyCustomersWithItsDaysLeft(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	resp, _ := f.do(c, "POST", "/enter", entryForm("苏州日东精密电子有限公司", "0512-65881234", "138 1234 5678"))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/mine?entered=") {
		t.Fatalf("entry: %d to %q", resp.StatusCode, loc)
	}
	resp, body := f.do(c, "GET", loc, nil)
	for _, want := range []string{"苏州日东精密电子有限公司", "精密电子", `class="entered"`, "已录入", "剩余天数", `action="/mine" class="filters"`} {
		if !strings.Contains(body, want) {
			t.Errorf("我的客户 lacks %q", want)
		}
	}
	if resp.StatusCode != 200 || !strings.Contains(body, `class="days"`) && !strings.Contains(body, `class="days soon"`) {
		t.Errorf("no days left: %d\n%s", resp.StatusCode, body)
	}
	// Another rep's 我的客户 does not hold it.
	c2 := f.browser()
	f.login(c2, "rep2")
	if _, body := f.do(c2, "GET", "/mine", nil); strings.Contains(body, "日东") {
		t.Error("rep2 sees rep1's customer in 我的客户")
	}
}

func TestEntryRefusalsKeepWhatWasTypedAndWriteNothing(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	form := entryForm("苏州日东精密电子有限公司", "0512-65881234", "138 1234 5678")
	// The first number row left empty, the second one unreadable: its reason
	// belongs next to the second row.
	form.Set("numbers[0].value", "")
	form.Set("numbers[1].value", "12")
	resp, body := f.do(c, "POST", "/enter", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{`value="苏州日东精密电子有限公司"`, `value="苏州"`, `value="王经理"`, `value="138 1234 5678"`, `value="12"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the form lost %s", want)
		}
	}
	i := strings.Index(body, `name="numbers[1].value"`)
	j := strings.Index(body, `name="numbers[2].type"`)
	if i < 0 || j < i || !strings.Contains(body[i:j], `class="error"`) || !strings.Contains(body[i:j], `aria-invalid`) && !strings.Contains(body[i-200:i], `aria-invalid`) {
		t.Errorf("the number's reason is not next to the second row:\n%s", body[max(0, i-300):max(j, i)])
	}
	if _, body := f.do(c, "GET", "/mine", nil); strings.Contains(body, "日东") {
		t.Error("a refused entry was written")
	}
}

func TestEntryCollisionNamesTheOwnerOnly(t *testing.T) {
	f := newFixture(t)
	c1, c2 := f.browser(), f.browser()
	f.login(c1, "rep1")
	f.login(c2, "rep2")
	if resp, _ := f.do(c1, "POST", "/enter", entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first entry: %d", resp.StatusCode)
	}
	resp, body := f.do(c2, "POST", "/enter", entryForm("苏州日东精密电子有限公司", "0512-65889999", "13900001111"))
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("second entry: %d", resp.StatusCode)
	}
	for _, want := range []string{"撞单", "王一", "日东精密电子", `value="0512-65889999"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the refusal lacks %q", want)
		}
	}
	for _, secret := range []string{"65881234", "13812345678"} {
		if strings.Contains(body, secret) {
			t.Errorf("the refusal shows rep1's %s", secret)
		}
	}
}

func TestPagesForRepsRefuseOtherRoles(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "support1")
	for _, path := range []string{"/enter", "/mine"} {
		if resp, _ := f.do(c, "GET", path, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("support GET %s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := f.do(c, "POST", "/enter", entryForm("华为技术有限公司", "0755-28780808", "13800138000")); resp.StatusCode != http.StatusForbidden {
		t.Errorf("support POST /enter: %d", resp.StatusCode)
	}
	if _, body := f.do(c, "GET", "/search", nil); strings.Contains(body, `href="/enter"`) {
		t.Error("the bar offers 录入 to support")
	}
}

// R21: a user who never confirmed is led from sign-in to 个人信息核对, and
// from there, once confirmed, to where they were going; a refusal keeps
// what was typed and says why next to the field.
func TestFirstSignInConfirmsPersonalInformation(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	resp, _ := f.do(c, "POST", "/login", url.Values{"username": {"rep3"}, "password": {"password1"}, "next": {"/mine"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/me/confirm?next=%2Fmine" {
		t.Fatalf("sign-in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := f.do(c, "GET", "/me/confirm?next=%2Fmine", nil)
	if !strings.Contains(body, "个人信息核对") || !strings.Contains(body, "贸易通") {
		t.Errorf("the form:\n%s", body)
	}
	bad := url.Values{"email": {"not-an-address"}, "mobile": {"138 0013 8000"}, "trade_manager_id": {"cn-zhao"}, "next": {"/mine"}}
	resp, body = f.do(c, "POST", "/me/confirm", bad)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不是有效的邮箱地址") ||
		!strings.Contains(body, `value="138 0013 8000"`) || !strings.Contains(body, `value="cn-zhao"`) {
		t.Errorf("refused: %d\n%s", resp.StatusCode, body)
	}
	i := strings.Index(body, `id="email"`)
	if j := strings.Index(body, "不是有效的邮箱地址"); i < 0 || j < i || j > strings.Index(body, `id="mobile"`) {
		t.Error("the email's reason is not next to the email field")
	}
	good := url.Values{"email": {"zhao@example.com"}, "mobile": {"138 0013 8000"}, "trade_manager_id": {"cn-zhao"}, "next": {"/mine"}}
	resp, _ = f.do(c, "POST", "/me/confirm", good)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/mine" {
		t.Fatalf("confirm: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	u, err := f.accounts.Authenticate(context.Background(), sessionToken(t, f, c))
	if err != nil || u.ConfirmedAt == nil || u.Email == nil || *u.Email != "zhao@example.com" {
		t.Errorf("stored: %+v, %v", u, err)
	}
	// Confirmed once, signing in goes where it was going.
	resp, _ = f.do(f.browser(), "POST", "/login", url.Values{"username": {"rep3"}, "password": {"password1"}, "next": {"/mine"}})
	if resp.Header.Get("Location") != "/mine" {
		t.Errorf("second sign-in to %q", resp.Header.Get("Location"))
	}
}

func sessionToken(t *testing.T, f *fixture, c *http.Client) string {
	t.Helper()
	u, _ := url.Parse(f.srv.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "tide_session" {
			return ck.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

// released enters a company as rep1 and returns it to the public sea, as
// its workflow's release activity would.
func (f *fixture) released(name, landline, mobile string) resource.Resource {
	f.t.Helper()
	ctx := context.Background()
	rep := f.users["rep1"]
	r, err := f.seas.Enter(ctx, rep, intake.Entry{Kind: "enterprise", Name: name, Region: "苏州",
		Contacts: []intake.EntryContact{{Name: "张经理", Mobile: mobile}},
		Numbers:  []intake.EntryNumber{{Type: "landline", Value: landline}}})
	if err != nil {
		f.t.Fatal(err)
	}
	r, _, err = f.store.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &rep.ID, Path: resource.PathRelease, Reason: "客户没有预算"})
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

func TestPublicSeaMasksNumbersAndAPickLandsInMine(t *testing.T) {
	f := newFixture(t)
	r := f.released("苏州恒远机械有限公司", "0512-66001234", "13900001111")
	c := f.browser()
	f.login(c, "rep2")
	resp, body := f.do(c, "GET", "/public", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "苏州恒远机械有限公司") || !strings.Contains(body, `action="/public" class="filters"`) {
		t.Fatalf("公海: %d\n%s", resp.StatusCode, body)
	}
	for _, secret := range []string{"66001234", "13900001111", "张经理"} {
		if strings.Contains(body, secret) {
			t.Errorf("公海 shows %s before the pick", secret)
		}
	}
	// The confirmation states the protection the rule in force would give.
	_, body = f.do(c, "GET", "/public/"+itoa(r.ID)+"/pick", nil)
	i := strings.Index(body, `<strong class="until">`)
	if i < 0 || !strings.Contains(body, "protection.until") || !strings.Contains(body, "确认挑入") {
		t.Fatalf("the confirmation:\n%s", body)
	}
	// The default rule protects a pick for 24 months.
	until, err := time.Parse("2006-01-02", body[i+len(`<strong class="until">`):][:10])
	if err != nil || until.Before(time.Now().AddDate(0, 23, 0)) || until.After(time.Now().AddDate(0, 25, 0)) {
		t.Errorf("the confirmation states %v (%v)", until, err)
	}
	resp, _ = f.do(c, "POST", "/public/"+itoa(r.ID)+"/pick", url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/mine?picked="+itoa(r.ID) {
		t.Fatalf("pick: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := f.do(c, "GET", "/mine?picked="+itoa(r.ID), nil); !strings.Contains(body, "挑入成功") || !strings.Contains(body, `class="entered"`) {
		t.Errorf("我的客户 after the pick:\n%s", body)
	}
	// Too late for rep3's second browser: it is told who holds it now.
	c3 := f.browser()
	f.login(c3, "rep1")
	resp, body = f.do(c3, "POST", "/public/"+itoa(r.ID)+"/pick", url.Values{})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "李二") {
		t.Errorf("a late pick: %d\n%s", resp.StatusCode, body)
	}
	// Support sees the public sea but is offered no 挑入, and may not pick.
	cs := f.browser()
	f.login(cs, "support1")
	if resp, body := f.do(cs, "GET", "/public", nil); resp.StatusCode != 200 || strings.Contains(body, "/pick") {
		t.Errorf("support's 公海: %d", resp.StatusCode)
	}
	if resp, _ := f.do(cs, "POST", "/public/"+itoa(r.ID)+"/pick", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("support's pick: %d", resp.StatusCode)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Every console route answers each role it does not list with 403, and a
// signed-out browser with a way to 登录; nothing is served to them.
func TestEveryRouteRefusesTheRolesItDoesNotList(t *testing.T) {
	f := newFixture(t)
	byRole := map[string]*http.Client{}
	for role, user := range map[string]string{people.RoleRep: "rep1", people.RoleSupport: "support1",
		people.RoleAdmin: "admin1", people.RoleAssistant: "assistant1"} {
		byRole[role] = f.browser()
		f.login(byRole[role], user)
	}
	checked := 0
	for _, rt := range web.Routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		path = strings.NewReplacer("{$}", "", "{id}", "1", "{cid}", "1", "{nid}", "1", "{username}", "rep1", "{name}", "capacity.limit", "{version}", "1", "{tag}", "en").Replace(path)
		if rt.Roles == nil {
			continue
		}
		var form url.Values
		if method == "POST" {
			form = url.Values{}
		}
		resp, _ := f.do(f.browser(), method, path, form)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("signed out %s: %d to %q", rt.Pattern, resp.StatusCode, resp.Header.Get("Location"))
		}
		for role, c := range byRole {
			if slices.Contains(rt.Roles, role) {
				continue
			}
			checked++
			resp, body := f.do(c, method, path, form)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "您的角色无权打开此页面") {
				t.Errorf("%s as %s: %d", rt.Pattern, role, resp.StatusCode)
			}
		}
	}
	if checked == 0 {
		t.Error("no route is closed to any role: is the walk still right?")
	}
}

func TestWorkbenchShowsTheRoomTheRuleGives(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	if resp, _ := f.do(c, "POST", "/enter", entryForm("苏州恒远机械有限公司", "0512-66001234", "13900001111")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("entry: %d", resp.StatusCode)
	}
	resp, body := f.do(c, "GET", "/", nil)
	for _, want := range []string{"工作台", "库容", `<span class="big">1</span> / 300`, "capacity.limit", "30 天内没有到期的客户", "未读通知"} {
		if !strings.Contains(body, want) {
			t.Errorf("工作台 lacks %q", want)
		}
	}
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	cs := f.browser()
	f.login(cs, "support1")
	if _, body := f.do(cs, "GET", "/", nil); strings.Contains(body, "库容") || !strings.Contains(body, "未读通知") {
		t.Errorf("support's 工作台:\n%s", body)
	}
}

// R5: rep2's search hits rep1's customer; rep2 refers the lead from the
// hit, rep1 finds it in 通知 and marks it read. The owner's details never
// reach rep2.
func TestReferralFromASearchHitNotifiesTheOwner(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r, err := f.seas.Enter(ctx, f.users["rep1"], intake.Entry{Kind: "enterprise", Name: "苏州日东精密电子有限公司", Region: "苏州",
		Contacts: []intake.EntryContact{{Name: "张经理", Mobile: "13812345678"}},
		Numbers:  []intake.EntryNumber{{Type: "landline", Value: "0512-65881234"}}})
	if err != nil {
		t.Fatal(err)
	}
	c2 := f.browser()
	f.login(c2, "rep2")
	_, body := f.do(c2, "GET", "/search?q="+url.QueryEscape("0512 6588 1234"), nil)
	link := "/refer/" + itoa(r.ID) + "?q="
	if !strings.Contains(body, link) {
		t.Fatalf("no referral on the hit:\n%s", body)
	}
	_, body = f.do(c2, "GET", link+url.QueryEscape("0512 6588 1234"), nil)
	if !strings.Contains(body, `value="0512 6588 1234"`) || strings.Contains(body, "13812345678") || strings.Contains(body, "张经理") {
		t.Errorf("the referral form:\n%s", body)
	}
	resp, _ := f.do(c2, "POST", "/refer/"+itoa(r.ID), url.Values{"q": {"0512 6588 1234"}, "landline": {"0512 6588 1234"},
		"contact": {"陈先生"}, "note": {"展会上认识的，想要报价"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "referred=1") {
		t.Fatalf("refer: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := f.do(c2, "GET", resp.Header.Get("Location"), nil); !strings.Contains(body, "已转交") {
		t.Error("no word that the referral was made")
	}
	// Nothing to hand over is refused next to the form, nothing sent.
	resp, body = f.do(c2, "POST", "/refer/"+itoa(r.ID), url.Values{"q": {"x"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `class="error"`) {
		t.Errorf("an empty referral: %d", resp.StatusCode)
	}
	c1 := f.browser()
	f.login(c1, "rep1")
	_, body = f.do(c1, "GET", "/notifications", nil)
	if !strings.Contains(body, "转介") || !strings.Contains(body, "苏州日东精密电子有限公司") || !strings.Contains(body, `class="unread"`) ||
		!strings.Contains(body, `href="/resources/`+itoa(r.ID)+`"`) {
		t.Fatalf("rep1's 通知:\n%s", body)
	}
	i := strings.Index(body, `action="/notifications/`)
	id := body[i+len(`action="/notifications/`):]
	id = id[:strings.Index(id, "/")]
	if resp, _ := f.do(c2, "POST", "/notifications/"+id+"/read", url.Values{}); resp.StatusCode == http.StatusSeeOther {
		// rep2 may not mark rep1's notification; the service refuses it.
		if _, body := f.do(c1, "GET", "/notifications", nil); !strings.Contains(body, `class="unread"`) {
			t.Error("rep2 marked rep1's notification read")
		}
	}
	if resp, _ := f.do(c1, "POST", "/notifications/"+id+"/read", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("mark read: %d", resp.StatusCode)
	}
	if _, body := f.do(c1, "GET", "/notifications", nil); strings.Contains(body, `class="unread"`) {
		t.Error("still unread")
	}
	// The owner's own search offers no referral to themselves.
	if _, body := f.do(c1, "GET", "/search?q="+url.QueryEscape("0512 6588 1234"), nil); strings.Contains(body, "/refer/") {
		t.Error("rep1 is offered to refer a lead to rep1")
	}
}

// 放弃 needs a ticked customer and a reason; without them nothing moves, the
// boxes stay ticked and the reason is asked for next to its field (R15).
func TestReleaseAsksForAReasonAndKeepsTheTicks(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	resp, _ := f.do(c, "POST", "/enter", entryForm("苏州恒远机械有限公司", "0512-66001234", "13900001111"))
	id := strings.TrimPrefix(resp.Header.Get("Location"), "/mine?entered=")
	resp, body := f.do(c, "POST", "/mine/release", url.Values{"id": {id}, "reason": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="`+id+`" aria-label="放弃 苏州恒远机械有限公司" checked`) ||
		!strings.Contains(body, "必填") || !strings.Contains(body, `id="reason" name="reason" value="" aria-invalid="true"`) {
		t.Errorf("no reason: %d\n%s", resp.StatusCode, body)
	}
	resp, body = f.do(c, "POST", "/mine/release", url.Values{"reason": {"客户没有预算"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请至少勾选一个要放弃的客户") || !strings.Contains(body, `value="客户没有预算"`) {
		t.Errorf("nothing ticked: %d\n%s", resp.StatusCode, body)
	}
	if _, body := f.do(c, "GET", "/mine", nil); !strings.Contains(body, "苏州恒远机械有限公司") {
		t.Error("a refused release moved the customer")
	}
	// Another rep cannot release it, even by posting its id.
	c2 := f.browser()
	f.login(c2, "rep2")
	resp, body = f.do(c2, "POST", "/mine/release", url.Values{"id": {id}, "reason": {"试试"}})
	if resp.StatusCode != http.StatusConflict && resp.StatusCode != http.StatusForbidden {
		t.Errorf("rep2 releasing rep1's customer: %d\n%s", resp.StatusCode, body)
	}
	if _, body := f.do(c, "GET", "/mine", nil); !strings.Contains(body, "苏州恒远机械有限公司") {
		t.Error("rep2 released rep1's customer")
	}
}

// 客户360 (R20): the owner sees the customer whole and writes 联系小计; a
// note without text is refused next to the field and keeps what was typed;
// another rep opening the same URL sees only what a collision answer shows.
func TestCustomer360WholeForTheOwnerMaskedForOthers(t *testing.T) {
	f := newFixture(t)
	c1 := f.browser()
	f.login(c1, "rep1")
	resp, _ := f.do(c1, "POST", "/enter", entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	id := strings.TrimPrefix(resp.Header.Get("Location"), "/mine?entered=")
	page := "/resources/" + id
	_, body := f.do(c1, "GET", page, nil)
	for _, want := range []string{"苏州日东精密电子有限公司", "日东精密电子", "精密电子", "8651265881234", "王经理", "protection.until", "录入", "联系小计", "天后到期"} {
		if !strings.Contains(body, want) {
			t.Errorf("the owner's 360 lacks %q", want)
		}
	}
	resp, body = f.do(c1, "POST", page+"/notes", url.Values{"channel": {"visit"}, "summary": {"  "}, "next_step": {"下周报价"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="下周报价"`) || !strings.Contains(body, `id="summary" name="summary" rows="3" aria-invalid="true"`) {
		t.Errorf("an empty note: %d", resp.StatusCode)
	}
	resp, _ = f.do(c1, "POST", page+"/notes", url.Values{"channel": {"visit"}, "summary": {"拜访了采购，样品下周寄出"}, "next_step": {"下周报价"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a note: %d", resp.StatusCode)
	}
	if _, body := f.do(c1, "GET", page, nil); !strings.Contains(body, "拜访了采购，样品下周寄出") || !strings.Contains(body, "拜访") {
		t.Error("the note is not in the 360")
	}
	c3 := f.browser()
	f.login(c3, "rep2")
	resp, body = f.do(c3, "GET", page, nil)
	if !strings.Contains(body, "苏州日东精密电子有限公司") || !strings.Contains(body, "王一") || !strings.Contains(body, "撞单答复") {
		t.Errorf("rep2's view: %d\n%s", resp.StatusCode, body)
	}
	for _, secret := range []string{"65881234", "13812345678", "王经理", "拜访了采购", "日东精密电子</dd>"} {
		if strings.Contains(body, secret) {
			t.Errorf("rep2 sees %q", secret)
		}
	}
	if resp, _ := f.do(c3, "POST", page+"/notes", url.Values{"channel": {"phone"}, "summary": {"偷偷记一笔"}}); resp.StatusCode == http.StatusSeeOther {
		t.Error("rep2 wrote a note on rep1's customer")
	}
}

// 申请挑入 (R8): rep2 applies for a public resource with a reason and finds
// the application in 我的申请, waiting for sales support; a second
// application for it by rep3 is refused, naming the first.
func TestPickInApplicationShowsInMyApplications(t *testing.T) {
	f := newFixture(t)
	r := f.released("苏州恒远机械有限公司", "0512-66001234", "13900001111")
	c := f.browser()
	f.login(c, "rep2")
	if _, body := f.do(c, "GET", "/public", nil); !strings.Contains(body, "/public/"+itoa(r.ID)+"/apply") {
		t.Fatal("公海 offers no 申请挑入")
	}
	resp, _ := f.do(c, "POST", "/public/"+itoa(r.ID)+"/apply", url.Values{"reason": {"老客户介绍，本月有采购计划"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/applications?filed=") {
		t.Fatalf("apply: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := f.do(c, "GET", resp.Header.Get("Location"), nil)
	for _, want := range []string{"苏州恒远机械有限公司", "挑入申请", "待审批", "老客户介绍，本月有采购计划", "已提交", `class="entered"`, "<li>提交申请 <span"} {
		if !strings.Contains(body, want) {
			t.Errorf("我的申请 lacks %q", want)
		}
	}
	if _, body := f.do(c, "GET", "/", nil); !strings.Contains(body, "我的未结申请") || !strings.Contains(body, `<a href="/applications">苏州恒远机械有限公司</a>`) {
		t.Error("工作台 does not list the open application")
	}
	c1 := f.browser()
	f.login(c1, "rep1")
	resp, body = f.do(c1, "POST", "/public/"+itoa(r.ID)+"/apply", url.Values{"reason": {"我也想要"}})
	if resp.StatusCode < 400 || !strings.Contains(body, "我也想要") || !strings.Contains(body, `class="error banner"`) {
		t.Errorf("a second application: %d\n%s", resp.StatusCode, body)
	}
	if _, body := f.do(c1, "GET", "/applications", nil); strings.Contains(body, "苏州恒远") {
		t.Error("rep1 sees rep2's application, or its own refused one")
	}
}

// A field of 录入 is checked as it is left: the holder's name and sea for a
// taken company or number, 未撞单 for a free one, the reason for one that
// cannot be read.
func TestEntryFieldsAreCheckedWhenLeft(t *testing.T) {
	f := newFixture(t)
	c1 := f.browser()
	f.login(c1, "rep1")
	if resp, _ := f.do(c1, "POST", "/enter", entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("entry: %d", resp.StatusCode)
	}
	c2 := f.browser()
	f.login(c2, "rep2")
	for _, tc := range []struct{ query, want, not string }{
		{"field=name&name=" + url.QueryEscape("蘇州日東精密電子有限公司"), "王一", "未撞单"},
		{"field=number&" + url.QueryEscape("contacts[0].mobile") + "=" + url.QueryEscape("138 1234 5678"), "王一", "未撞单"},
		{"field=number&" + url.QueryEscape("numbers[1].value") + "=" + url.QueryEscape("0512-6588 9999"), "未撞单", "王一"},
		{"field=number&" + url.QueryEscape("numbers[0].value") + "=12", `class="check-answer bad"`, "未撞单"},
	} {
		resp, body := f.do(c2, "GET", "/enter/check?"+tc.query, nil, "HX-Request", "true")
		if resp.StatusCode != 200 || !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) || strings.Contains(body, "<html") {
			t.Errorf("%s: %d %s", tc.query, resp.StatusCode, body)
		}
		if strings.Contains(body, "65881234") && !strings.Contains(tc.query, "6588") {
			t.Errorf("%s shows rep1's number", tc.query)
		}
	}
}

// 我的客户 orders by the soonest deadline, or by the newest entry when asked.
func TestMyCustomersSortOrder(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	for _, e := range []url.Values{entryForm("苏州恒远机械有限公司", "0512-66001234", "13900001111"),
		entryForm("苏州东山五金有限公司", "0512-66112233", "13900002222")} {
		if resp, _ := f.do(c, "POST", "/enter", e); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("entry: %d", resp.StatusCode)
		}
	}
	first := func(body string) bool { return strings.Index(body, "恒远") < strings.Index(body, "东山") }
	if _, body := f.do(c, "GET", "/mine", nil); !first(body) || !strings.Contains(body, `<option value="deadline" selected>`) {
		t.Error("by deadline, the first entered (its deadline first) is not first")
	}
	if _, body := f.do(c, "GET", "/mine?sort=newest", nil); first(body) || !strings.Contains(body, `<option value="newest" selected>`) {
		t.Error("newest first: the last entered is not first")
	}
	if _, body := f.do(c, "GET", "/public", nil); strings.Contains(body, `name="sort"`) {
		t.Error("公海 offers a sort it does not have")
	}
	_, body := f.do(c, "GET", "/mine?industry=五金", nil)
	if strings.Contains(body, "恒远") || !strings.Contains(body, "东山") || !strings.Contains(body, `name="industry" value="五金"`) {
		t.Error("the industry filter does not narrow 我的客户, or forgets what was typed")
	}
}

// 客户360: the owner adds a contact; a mobile another customer holds is
// refused naming its owner, and what was typed stays (R2, R19).
func TestCustomer360AddsAContact(t *testing.T) {
	f := newFixture(t)
	c1, c2 := f.browser(), f.browser()
	f.login(c1, "rep1")
	f.login(c2, "rep2")
	if resp, _ := f.do(c2, "POST", "/enter", entryForm("苏州恒远机械有限公司", "0512-66001234", "13900001111")); resp.StatusCode != http.StatusSeeOther {
		t.Fatal("rep2's entry")
	}
	resp, _ := f.do(c1, "POST", "/enter", entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	page := "/resources/" + strings.TrimPrefix(resp.Header.Get("Location"), "/mine?entered=")
	resp, body := f.do(c1, "POST", page+"/contacts", url.Values{"name": {"陈工"}, "title": {"技术"}, "mobile": {"139 0000 1111"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "李二") || !strings.Contains(body, `value="陈工"`) ||
		!strings.Contains(body, `value="139 0000 1111"`) {
		t.Errorf("a taken mobile: %d\n%s", resp.StatusCode, body)
	}
	resp, body = f.do(c1, "POST", page+"/contacts", url.Values{"name": {"陈工"}, "mobile": {"12"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `name="mobile" value="12"`) ||
		!strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("an unreadable mobile: %d", resp.StatusCode)
	}
	resp, _ = f.do(c1, "POST", page+"/contacts", url.Values{"name": {"陈工"}, "title": {"技术"}, "mobile": {"139 0000 2222"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a new contact: %d", resp.StatusCode)
	}
	if _, body := f.do(c1, "GET", page, nil); !strings.Contains(body, "陈工 · 技术") || !strings.Contains(body, "8613900002222") {
		t.Error("the contact is not in the 360")
	}
	if resp, _ := f.do(c2, "POST", page+"/contacts", url.Values{"name": {"偷加"}, "mobile": {"139 0000 3333"}}); resp.StatusCode == http.StatusSeeOther {
		t.Error("rep2 added a contact to rep1's customer")
	}
}
