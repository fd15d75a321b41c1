package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tide-crm/tide/sheet/sheettest"
)

// upload posts a file to 导入 as the browser c.
func (f *fixture) upload(c *http.Client, name string, data []byte) (*http.Response, string) {
	f.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", name)
	_, _ = part.Write(data)
	_ = w.Close()
	req, _ := http.NewRequest("POST", f.srv.URL+"/imports", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

// A rep's 导入 goes into their own sea and shows their room; a file that is
// not a spreadsheet is refused next to the file field; a list is checked
// and its page counts the verdicts and lists the rows to fix with why,
// in Chinese; another rep does not find it.
func TestImportPages(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	_, body := f.do(c, "GET", "/imports", nil)
	for _, want := range []string{"导入客户", "您的私海", `href="/imports/template.xlsx"`, `enctype="multipart/form-data"`, "0 / 300"} {
		if !strings.Contains(body, want) {
			t.Errorf("导入 lacks %q", want)
		}
	}
	resp, body := f.upload(c, "名单.txt", []byte("不是表格"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="file-error"`) || !strings.Contains(body, "重新选择文件") {
		t.Errorf("a text file: %d\n%s", resp.StatusCode, body)
	}
	rows := []sheettest.Row{sheettest.Company("页", 600000, 1), sheettest.Company("页", 600000, 2)}
	rows[1]["手机"] = "1380013"
	resp, _ = f.upload(c, "名单.csv", sheettest.CSV(t, sheettest.Records(rows), true))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/imports/") {
		t.Fatalf("upload: %d to %q", resp.StatusCode, loc)
	}
	_, body = f.do(c, "GET", loc, nil)
	for _, want := range []string{"名单.csv", "已检查，等待确认", "录入可录入的行", "待处理的行", "1380013", "11 位", `href="` + loc + `/report.xlsx"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the import's page lacks %q", want)
		}
	}
	other := f.browser()
	f.login(other, "rep2")
	if resp, _ := f.do(other, "GET", loc, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("rep2 opens rep1's import: %d", resp.StatusCode)
	}
	resp, _ = f.do(c, "GET", loc+"/report.xlsx", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("report: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// 导出 on 我的客户 writes the list the filters select, and only the rep's.
func TestMyCustomersExportTakesTheFilters(t *testing.T) {
	f := newFixture(t)
	c := f.browser()
	f.login(c, "rep1")
	for _, e := range [][3]string{{"苏州日东精密电子有限公司", "0512-65881234", "13812345678"}, {"苏州恒远机械有限公司", "0512-65881235", "13812345679"}} {
		if resp, _ := f.do(c, "POST", "/enter", entryForm(e[0], e[1], e[2])); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("entry %s: %d", e[0], resp.StatusCode)
		}
	}
	other := f.browser()
	f.login(other, "rep2")
	f.do(other, "POST", "/enter", entryForm("苏州恒远五金有限公司", "0512-65881236", "13812345670"))
	_, body := f.do(c, "GET", "/mine", nil)
	if !strings.Contains(body, `formaction="/mine/export.xlsx"`) {
		t.Error("我的客户 offers no export")
	}
	req, _ := http.NewRequest("GET", f.srv.URL+"/mine/export.xlsx?q=恒远", nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export: %d %v", resp.StatusCode, err)
	}
	got, _ := x.GetRows(x.GetSheetList()[0])
	if len(got) != 2 || got[1][1] != "苏州恒远机械有限公司" || got[1][6] != "王一" {
		t.Errorf("rep1's export filtered by 恒远: %v", got)
	}
}
