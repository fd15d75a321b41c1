package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/sheet/sheettest"
)

// upload posts a file to /api/v1/imports as role.
func (f *fixture) upload(role, target, name string, data []byte) (*http.Response, []byte) {
	f.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if target != "" {
		_ = w.WriteField("target", target)
	}
	if name != "" {
		part, _ := w.CreateFormFile("file", name)
		_, _ = part.Write(data)
	}
	_ = w.Close()
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/v1/imports", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+f.tokens[role])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out
}

// Sales support uploads a file into the public sea: the check answers 201
// with the counts and each row's verdict, entering nothing; the report of
// a checked import gives each row's verdict in Chinese; a commit answers
// 202 and a second one 409. Bad uploads answer a problem naming the file:
// one that is not what its name says, none at all, an unknown target.
func TestImportOverHTTP(t *testing.T) {
	f := newFixture(t)
	rows := []sheettest.Row{sheettest.Company("网", 0, 1), sheettest.Company("网", 0, 2), sheettest.Company("网", 0, 3)}
	rows[2]["手机"] = rows[0]["手机"] // a duplicate of the first row
	rows = append(rows, sheettest.Row{"公司名称": "苏州无名有限公司", "地区": "苏州"})
	resp, body := f.upload("support", "public", "leads.xlsx", sheettest.XLSX(t, sheettest.Records(rows)))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	var imp api.ImportView
	if err := json.Unmarshal(body, &imp); err != nil {
		t.Fatal(err)
	}
	if imp.Total != 4 || imp.State != "checked" || imp.Verdicts["enter"] != 2 || imp.Verdicts["duplicate"] != 1 || imp.Verdicts["invalid"] != 1 {
		t.Fatalf("checked: %+v", imp)
	}
	path := "/api/v1/imports/" + strconv.FormatInt(imp.ID, 10)
	var page struct {
		Rows []api.ImportRowView `json:"rows"`
	}
	f.as("support").Do("GET", path+"/rows", nil, 200, &page)
	if len(page.Rows) != 4 || page.Rows[2].DuplicateOf != 2 || page.Rows[3].Verdict != "invalid" || len(page.Rows[3].Problems) == 0 ||
		page.Rows[0].CompanyKey == "" || len(page.Rows[0].Numbers) != 2 {
		t.Errorf("rows: %+v", page.Rows)
	}
	// Another importer's import is not there for them.
	f.as("rep").Problem("GET", path, nil, 404)
	if p := f.as("admin").Problem("GET", path+"/rows?limit=0", nil, 422); len(p.Errors) != 1 || p.Errors[0].Field != "limit" {
		t.Errorf("limit=0: %+v", p)
	}

	req, _ := http.NewRequest("GET", f.srv.URL+path+"/report.xlsx", nil)
	req.Header.Set("Authorization", "Bearer "+f.tokens["support"])
	rr, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	report, _ := io.ReadAll(rr.Body)
	rr.Body.Close()
	x, err := excelize.OpenReader(bytes.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := x.GetRows(x.GetSheetList()[0])
	if len(got) != 5 || got[0][11] != "结果" || got[1][11] != "可录入" || got[3][11] != "文件内重复" || !strings.Contains(got[3][12], "第 2 行") ||
		got[4][11] != "无效" || !strings.Contains(got[4][12], "联系人") {
		t.Errorf("report: %v", got)
	}

	var committed api.ImportView
	f.as("support").Do("POST", path+"/commit", nil, 202, &committed)
	if committed.State != "running" || committed.StartedAt == nil {
		t.Errorf("commit: %+v", committed)
	}
	f.as("support").Problem("POST", path+"/commit", nil, 409)

	for _, c := range []struct {
		role, target, name string
		data               []byte
		status             int
		field              string
	}{
		{"support", "public", "leads.xlsx", []byte("公司名称\n苏州日东精密电子有限公司\n"), 422, "file"},
		{"support", "public", "leads.pdf", []byte("%PDF-1.4"), 422, "file"},
		{"support", "public", "", nil, 422, "file"},
		{"support", "sea", "leads.csv", sheettest.CSV(t, sheettest.Records(rows), false), 422, "target"},
		{"support", "public", "empty.csv", []byte("公司名称,地区\n"), 422, "file"},
		{"rep", "public", "leads.csv", sheettest.CSV(t, sheettest.Records(rows), false), 403, ""},
	} {
		resp, body := f.upload(c.role, c.target, c.name, c.data)
		var p api.Problem
		_ = json.Unmarshal(body, &p)
		if resp.StatusCode != c.status || resp.Header.Get("Content-Type") != api.ProblemContentType ||
			c.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != c.field) {
			t.Errorf("%s %s %s: %d %s", c.role, c.target, c.name, resp.StatusCode, body)
		}
	}
}
