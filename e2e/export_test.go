package e2e

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tide-crm/tide/store/dbtest"
)

// The export is the list as the caller may see it, every page of it: a
// rep's private sea with days left; the public sea with no owner; every sea
// to sales support and to no rep.
func TestExportIsTheListAsTheCallerSeesIt(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1 := s.login("rep1")
	names := []string{"苏州导出一号机械有限公司", "苏州导出二号五金有限公司", "苏州导出三号电子有限公司"}
	for i, n := range names {
		rep1.Do("POST", "/api/v1/resources", enterBody(n, "0512-6900000"+string(rune('1'+i)), "1390000990"+string(rune('1'+i))), 201, nil)
	}
	export := func(user, query string) (int, [][]string) {
		req, _ := http.NewRequest("GET", "http://"+s.stack.HTTP.Addr+"/api/v1/resources/export.xlsx"+query, nil)
		req.Header.Set("Authorization", "Bearer "+s.login(user).Token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			return resp.StatusCode, nil
		}
		x, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows("客户")
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, rows
	}
	_, rows := export("rep1", "?sea=mine")
	if len(rows) != 4 || rows[0][1] != "公司名称" || rows[0][8] != "剩余天数" {
		t.Fatalf("rep1's export: %v", rows)
	}
	for _, r := range rows[1:] {
		if r[6] != "Rep One" || r[5] != "私海" || r[8] == "" || !strings.HasPrefix(r[1], "苏州导出") {
			t.Errorf("a row of rep1's export: %v", r)
		}
	}
	if _, rows := export("rep2", "?sea=mine"); len(rows) != 1 {
		t.Errorf("rep2's own export shows rep1's customers: %v", rows)
	}
	if status, _ := export("rep2", "?sea=all"); status != http.StatusForbidden {
		t.Errorf("a rep exported every sea: %d", status)
	}
	if _, rows := export("support", "?sea=all&industry=五金"); len(rows) != 2 || rows[1][1] != "苏州导出二号五金有限公司" {
		t.Errorf("support's filtered export: %v", rows)
	}
}
