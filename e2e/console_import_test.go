package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tide-crm/tide/sheet/sheettest"
)

// consoleImportJourney: sales support loads a fair's list into the public
// sea. A file that is no spreadsheet is refused next to the file field; the
// list itself (GBK CSV, as Excel on Chinese Windows saves it) is checked —
// one row repeats another's mobile, one has no contact, one a number that
// is none, one collides with a customer rep1 holds — and its rows to fix
// are listed with why; the commit shows its progress and ends with the
// counts, and the report is offered. On a phone the page still reads. Rep1's
// 我的客户 offers its list as Excel.
func consoleImportJourney(t *testing.T, s *system) {
	base := "http://" + s.stack.HTTP.Addr
	shots := shots(t)
	dir := t.TempDir()
	rep1 := s.login("rep1")
	held := sheettest.Company("展", 500000, 0)
	rep1.Do("POST", "/api/v1/resources", entryJSON(held), 201, nil)

	var rows []sheettest.Row
	for i := 1; i <= 24; i++ {
		rows = append(rows, sheettest.Company("展", 500000, i))
	}
	dup := sheettest.Company("展", 500000, 90)
	dup["手机"] = rows[3]["手机"]
	noContact := sheettest.Company("展", 500000, 91)
	noContact["联系人"] = ""
	badNumber := sheettest.Company("展", 500000, 92)
	badNumber["手机"] = "1380013"
	collides := sheettest.Company("展", 500000, 93)
	collides["公司名称"] = held["公司名称"]
	rows = append(rows, dup, noContact, badNumber, collides)
	list := filepath.Join(dir, "展会名单.csv")
	notes := filepath.Join(dir, "名单.txt")
	if err := os.WriteFile(list, sheettest.GB18030(t, sheettest.Records(rows)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notes, []byte("不是表格"), 0o644); err != nil {
		t.Fatal(err)
	}

	support := signIn(t, base, "support", "tide-demo", "%2Fimports")
	do(t, support, "support uploads a text file",
		chromedp.WaitVisible(chromedp.CSS("form.upload")),
		screenshot(shots, "imports-1366.png"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{notes}),
		chromedp.Click(chromedp.CSS("form.upload button")),
		chromedp.WaitVisible(chromedp.CSS("#file-error")),
		screenshot(shots, "imports-refused.png"),
	)
	do(t, support, "support uploads the fair's list",
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{list}),
		chromedp.Click(chromedp.CSS("form.upload button")),
		chromedp.WaitVisible(chromedp.CSS("dl.verdicts")),
		screenshot(shots, "import-check.png"),
	)
	counts := read(t, support, chromedp.Text(chromedp.CSS("dl.verdicts")))
	for _, want := range []string{"可录入\n24", "撞单\n1", "文件内重复\n1", "无效\n2"} {
		if !strings.Contains(strings.ReplaceAll(counts, "\t", ""), want) {
			t.Errorf("the check's counts %q lack %q", counts, want)
		}
	}
	fix := read(t, support, chromedp.Text(chromedp.CSS("table.import-rows")))
	for _, want := range []string{"与本文件第 5 行是同一客户", "联系人", "1380013", "已被资源"} {
		if !strings.Contains(fix, want) {
			t.Errorf("the rows to fix %q lack %q", fix, want)
		}
	}
	do(t, support, "support enters the rows",
		chromedp.Click(chromedp.CSS(`form[action$="/commit"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href$="/report.xlsx"]`)),
		chromedp.WaitVisible(chromedp.CSS("h1 .state-done")),
		screenshot(shots, "import-done.png"),
	)
	if status := read(t, support, chromedp.Text(chromedp.CSS(".progress p"))); !strings.Contains(status, "28 / 28") || !strings.Contains(status, "已录入 24") {
		t.Errorf("the finished import says %q", status)
	}
	do(t, support, "the import on a phone",
		chromedp.EmulateViewport(390, 844),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("dl.verdicts")),
		screenshot(shots, "import-phone.png"),
		chromedp.EmulateViewport(1366, 768),
	)

	mine := signIn(t, base, "rep1", "tide-demo", "%2Fmine")
	do(t, mine, "rep1's list offers Excel",
		chromedp.WaitVisible(chromedp.CSS(`button[formaction="/mine/export.xlsx"]`)),
		screenshot(shots, "mine-export.png"),
	)
}
