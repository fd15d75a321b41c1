package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tide-crm/tide/resource"
)

// entered enters name for the rep signed in on c and returns its 360 path.
func (f *fixture) entered(c *http.Client, form url.Values) (int64, string) {
	f.t.Helper()
	resp, body := f.do(c, "POST", "/enter", form)
	if resp.StatusCode != http.StatusSeeOther {
		f.t.Fatalf("entry of %s: %d\n%s", form.Get("name"), resp.StatusCode, body)
	}
	id := strings.TrimPrefix(resp.Header.Get("Location"), "/mine?entered=")
	n, err := parseID(id)
	if err != nil {
		f.t.Fatal(err)
	}
	return n, "/resources/" + id
}

func (f *fixture) resource(id int64) resource.Resource {
	f.t.Helper()
	r, err := f.store.GetResource(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// A contact is edited in place and removed (R19); an edit whose mobile
// another customer holds is refused with the holder named, the form open
// with what was typed, and nothing changed; another rep may do neither.
func TestCustomer360EditsAndRemovesAContact(t *testing.T) {
	f := newFixture(t)
	c1, c2 := f.browser(), f.browser()
	f.login(c1, "rep1")
	f.login(c2, "rep2")
	f.entered(c2, entryForm("苏州恒远机械有限公司", "0512-66001234", "13900001111"))
	id, page := f.entered(c1, entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	cid := itoa(f.resource(id).Contacts[0].ID)

	resp, body := f.do(c1, "POST", page+"/contacts/"+cid, url.Values{"name": {"王经理"}, "title": {"总经理"}, "mobile": {"139 0000 1111"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "李二") || !strings.Contains(body, `value="总经理"`) ||
		!strings.Contains(body, `value="139 0000 1111"`) || !strings.Contains(body, `<details class="edit" open>`) {
		t.Errorf("an edit to a taken mobile: %d\n%s", resp.StatusCode, body)
	}
	if r := f.resource(id); r.Contacts[0].Title != "采购" {
		t.Errorf("the refused edit changed the contact: %+v", r.Contacts[0])
	}
	if resp, _ := f.do(c2, "POST", page+"/contacts/"+cid, url.Values{"name": {"改名"}}); resp.StatusCode == http.StatusSeeOther {
		t.Error("rep2 edited rep1's contact")
	}
	if resp, _ := f.do(c1, "POST", page+"/contacts/"+cid, url.Values{"name": {"王经理"}, "title": {"总经理"}, "mobile": {"13812345679"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("an edit: %d", resp.StatusCode)
	}
	if _, body := f.do(c1, "GET", page, nil); !strings.Contains(body, "王经理 · 总经理 · 13812345679") || !strings.Contains(body, "修改联系人：王经理") {
		t.Errorf("the 360 does not show the edit or tell it in the story")
	}
	resp, body = f.do(c1, "POST", page+"/contacts/"+cid+"/remove", url.Values{})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<details class="edit remove" open>`) {
		t.Errorf("removing the only contact (R17): %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := f.do(c1, "POST", page+"/contacts", url.Values{"name": {"陈工"}, "mobile": {"139 0000 2222"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatal("a second contact")
	}
	if resp, _ := f.do(c2, "POST", page+"/contacts/"+cid+"/remove", url.Values{}); resp.StatusCode == http.StatusSeeOther {
		t.Error("rep2 removed rep1's contact")
	}
	if resp, _ := f.do(c1, "POST", page+"/contacts/"+cid+"/remove", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a removal: %d", resp.StatusCode)
	}
	if r := f.resource(id); len(r.Contacts) != 1 || r.Contacts[0].Name != "陈工" {
		t.Errorf("the contact stayed: %+v", r.Contacts)
	}
	if _, body := f.do(c1, "GET", page, nil); strings.Contains(body, "13812345679") || !strings.Contains(body, "删除联系人：王经理") {
		t.Error("the removed contact's mobile is still shown, or the story does not tell the removal")
	}
}

// A note is edited by its author within a day; the text it replaced is
// listed under it; a refused edit keeps what was typed; sales support, who
// sees the note, is offered no edit and may not make one.
func TestCustomer360NoteEditKeepsTheEarlierText(t *testing.T) {
	f := newFixture(t)
	c1, cs := f.browser(), f.browser()
	f.login(c1, "rep1")
	f.login(cs, "support1")
	id, page := f.entered(c1, entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	if resp, _ := f.do(c1, "POST", page+"/notes", url.Values{"channel": {"phone"}, "summary": {"问了报价"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatal("a note")
	}
	notes, err := f.store.Notes(context.Background(), id)
	if err != nil || len(notes) != 1 {
		t.Fatal(notes, err)
	}
	edit := page + "/notes/" + itoa(notes[0].ID)
	resp, body := f.do(c1, "POST", edit, url.Values{"channel": {"visit"}, "summary": {" "}, "next_step": {"寄样品"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="寄样品"`) || !strings.Contains(body, "<details class=\"edit\" open>") {
		t.Errorf("an empty edit: %d", resp.StatusCode)
	}
	if _, body := f.do(cs, "GET", page, nil); !strings.Contains(body, "问了报价") || strings.Contains(body, `action="`+edit+`"`) {
		t.Error("sales support does not see the note, or is offered its edit")
	}
	if resp, _ := f.do(cs, "POST", edit, url.Values{"channel": {"phone"}, "summary": {"支持改的"}}); resp.StatusCode == http.StatusSeeOther {
		t.Error("sales support edited the rep's note")
	}
	if resp, _ := f.do(c1, "POST", edit, url.Values{"channel": {"phone"}, "summary": {"问了报价，500 件"}, "at": {""}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("an edit: %d", resp.StatusCode)
	}
	_, body = f.do(c1, "GET", page, nil)
	if !strings.Contains(body, "问了报价，500 件") || !strings.Contains(body, "早先的内容 (1)") || !strings.Contains(body, "<li>问了报价 <span") {
		t.Errorf("the 360 does not show the edit with the earlier text\n%s", body)
	}
}

// An identity edit (R12) that would collide is refused with the holder
// shown next to the form, what was typed kept, nothing changed; a clean
// edit is saved, told in the story with its search.
func TestIdentityEditShowsTheCollisionInline(t *testing.T) {
	f := newFixture(t)
	c1, c2 := f.browser(), f.browser()
	f.login(c1, "rep1")
	f.login(c2, "rep2")
	f.entered(c2, entryForm("苏州恒远机械有限公司", "0512-66001234", "13900001111"))
	id, page := f.entered(c1, entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678"))
	form := url.Values{"name": {"苏州恒远机械有限公司"}, "region": {"苏州"}, "numbers[0].type": {"landline"}, "numbers[0].value": {"0512-65881234"}}
	resp, body := f.do(c1, "POST", page+"/identity", form)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "李二") || !strings.Contains(body, `id="identity-name" name="name" value="苏州恒远机械有限公司"`) {
		t.Errorf("a colliding rename: %d\n%s", resp.StatusCode, body)
	}
	if r := f.resource(id); r.Name != "苏州日东精密电子有限公司" {
		t.Errorf("the refused edit renamed it to %s", r.Name)
	}
	form.Set("numbers[0].value", "12")
	form.Set("name", "苏州日东精密电子有限公司")
	if resp, body := f.do(c1, "POST", page+"/identity", form); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `name="numbers[0].value" value="12" inputmode="tel" aria-label="号码" aria-invalid="true"`) {
		t.Errorf("an unreadable number: %d\n%s", resp.StatusCode, body)
	}
	form.Set("name", "苏州日东精密机械有限公司")
	form.Set("numbers[0].value", "0512-65881234")
	form.Set("numbers[1].type", "fax")
	form.Set("numbers[1].value", "0512-65881235")
	if resp, body := f.do(c1, "POST", page+"/identity", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a clean edit: %d\n%s", resp.StatusCode, body)
	}
	if r := f.resource(id); r.CompanyKey != "日东精密机械" || len(r.Numbers) != 3 {
		t.Errorf("the edit left %s with %d numbers", r.CompanyKey, len(r.Numbers))
	}
	_, body = f.do(c1, "GET", page+"?edited=1", nil)
	for _, want := range []string{"已保存：撞单搜索未发现冲突。", "更名 苏州日东精密电子有限公司 → 苏州日东精密机械有限公司；撞单搜索：", "8651265881235"} {
		if !strings.Contains(body, want) {
			t.Errorf("the 360 after the edit lacks %q", want)
		}
	}
}

// A customer entered with its kind unknown is kept as two linked records
// (R7); 我的客户 asks which kind it buys as, and confirming one closes the
// other.
func TestTwinsAreConfirmedFromMyCustomers(t *testing.T) {
	f := newFixture(t)
	c1 := f.browser()
	f.login(c1, "rep1")
	form := entryForm("苏州日东精密电子有限公司", "0512-65881234", "13812345678")
	form.Set("kind", "unknown")
	id, page := f.entered(c1, form)
	_, body := f.do(c1, "GET", "/mine", nil)
	if strings.Count(body, "待确认类型") != 2 || !strings.Contains(body, `action="/mine/`+itoa(id)+`/confirm-kind"`) {
		t.Fatalf("我的客户 does not ask for the kind of both records\n%s", body)
	}
	if _, body := f.do(c1, "GET", page, nil); !strings.Contains(body, "客户以哪种身份购买？") {
		t.Error("the 360 does not ask for the kind")
	}
	resp, _ := f.do(c1, "POST", "/mine/"+itoa(id)+"/confirm-kind", url.Values{"kind": {"enterprise"}, "from": {"mine"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/mine?confirmed=") {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = f.do(c1, "GET", resp.Header.Get("Location"), nil)
	if strings.Contains(body, "待确认类型") || !strings.Contains(body, "已确认类型") || strings.Count(body, `class="name-link"`) != 1 {
		t.Errorf("after the confirmation 我的客户 shows\n%s", body)
	}
}

func parseID(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }
