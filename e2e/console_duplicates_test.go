package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// consoleDuplicatesJourney: rep2 enters under a homophone a company rep1
// holds; rep2's search shows it as 疑似撞单 beside "no collision", the entry
// succeeds, and sales support finds the pair in 疑似撞单 with its reasons
// and closes it as two companies — at 1366×768 and at phone width.
func consoleDuplicatesJourney(t *testing.T, s *system) {
	base := "http://" + s.stack.HTTP.Addr
	shots := shots(t)
	body := func(name, landline, mobile, contact string) map[string]any {
		return map[string]any{"kind": "enterprise", "name": name, "region": "苏州",
			"contacts": []map[string]string{{"name": contact, "mobile": mobile}},
			"numbers":  []map[string]string{{"type": "landline", "value": landline}}}
	}
	s.login("rep1").Do("POST", "/api/v1/resources", body("苏州瑞泰精密机械有限公司", "0512-66112233", "13900112233", "周建国"), 201, nil)
	s.login("support").Do("PUT", "/api/v1/me", map[string]any{"email": "support@example.com", "mobile": "13800138000",
		"trade_manager_id": "cn-support", "confirm": true}, 200, nil)
	s.login("rep2").Do("PUT", "/api/v1/me", map[string]any{"email": "rep2@example.com", "mobile": "13800138002",
		"trade_manager_id": "cn-rep2", "confirm": true}, 200, nil)

	rep2 := signIn(t, base, "rep2", "tide-demo", "%2Fsearch")
	do(t, rep2, "rep2 searches a homophone",
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "苏州锐泰机械设备有限公司"),
		chromedp.WaitVisible(chromedp.CSS("table.maybe")),
		screenshot(shots, "search-maybe-1366.png"),
	)
	if why := read(t, rep2, chromedp.Text(chromedp.CSS("table.maybe tbody tr"))); !strings.Contains(why, "同音（rui tai）") || !strings.Contains(why, "苏州瑞泰精密机械有限公司") {
		t.Errorf("the search's 疑似撞单 row: %q", why)
	}
	s.login("rep2").Do("POST", "/api/v1/resources", body("苏州锐泰机械设备有限公司", "0512-66112299", "13900112299", "吴海燕"), 201, nil)

	support := signIn(t, base, "support", "tide-demo", "%2Fduplicates")
	row := `//tr[td[contains(., "苏州锐泰机械设备有限公司")]]`
	do(t, support, "the queue",
		chromedp.WaitVisible(chromedp.Search(row)),
		screenshot(shots, "duplicates-1366.png"),
		chromedp.EmulateViewport(390, 844),
		screenshot(shots, "duplicates-phone.png"),
		chromedp.EmulateViewport(1366, 768),
	)
	text := read(t, support, chromedp.Text(chromedp.Search(row)))
	for _, want := range []string{"苏州瑞泰精密机械有限公司", "Rep One", "Rep Two", "字号 锐泰 / 瑞泰 同音（rui tai）；同在苏州；行业 机械设备 / 精密机械"} {
		if !strings.Contains(text, want) {
			t.Errorf("the queue's row lacks %q: %q", want, text)
		}
	}
	do(t, support, "different companies",
		chromedp.Click(chromedp.Search(row+`//form[contains(@action, "/different")]/button`)),
		chromedp.WaitVisible(chromedp.CSS("p.ok.banner")),
		screenshot(shots, "duplicates-decided.png"),
	)
	if left := read(t, support, chromedp.Text(chromedp.CSS("main"))); strings.Contains(left, "苏州锐泰机械设备有限公司") {
		t.Errorf("the decided pair is still in the queue: %q", left)
	}
}
