package api_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The import template opens in the spreadsheet library: Chinese headers, an
// example row, a sheet that says what each column takes; the CSV carries a
// byte-order mark and the same headers. Assistants import nothing.
func TestImportTemplates(t *testing.T) {
	f := newFixture(t)
	get := func(role, path string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+f.tokens[role])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	resp, body := get("rep", "/api/v1/imports/template.xlsx")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "tide-import-template.xlsx") {
		t.Fatalf("template.xlsx: %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("客户")
	if err != nil || len(rows) != 2 || rows[0][0] != "公司名称" || rows[0][5] != "手机" || rows[1][0] != "苏州日东精密电子有限公司" {
		t.Errorf("the template's rows: %v %v", rows, err)
	}
	explain, err := x.GetRows("说明")
	if err != nil || len(explain) != 12 || explain[1][1] != "company name" || !strings.Contains(explain[1][2], "必填") {
		t.Errorf("the explanation sheet: %v %v", explain, err)
	}
	resp, body = get("support", "/api/v1/imports/template.csv")
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("\uFEFF公司名称,类型,地区")) || strings.Count(string(body), "\n") != 2 {
		t.Errorf("template.csv: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get("assistant", "/api/v1/imports/template.xlsx"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an assistant got the template: %d", resp.StatusCode)
	}
}
