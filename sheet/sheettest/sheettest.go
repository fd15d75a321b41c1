// Package sheettest makes import files for tests and benchmarks: rows of
// made-up companies whose keys and numbers differ from row to row, written
// as the formats an import reads (xlsx through the library, CSV in UTF-8
// with and without a byte-order mark, and GB18030 as Excel on Chinese
// Windows writes it).
package sheettest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/tide-crm/tide/sheet"
)

// Header is the template's Chinese header row.
func Header() []string {
	out := make([]string, len(sheet.ImportColumns))
	for i, c := range sheet.ImportColumns {
		out[i] = c.Chinese
	}
	return out
}

// Row is one row by column name, written in the template's order.
type Row map[string]string

// Company is a valid row for company i of a series: every series (a
// different trade-name word and number range) keeps its keys apart from
// another's.
func Company(series string, base, i int) Row {
	n := base + i
	return Row{"公司名称": fmt.Sprintf("苏州%s%d号精密电子有限公司", series, n), "类型": "企业", "地区": "苏州", "行业": "精密电子",
		"联系人": fmt.Sprintf("王经理%d", n), "手机": fmt.Sprintf("139%08d", n%100000000),
		"固话": fmt.Sprintf("0512-6%07d", n%10000000), "邮箱": fmt.Sprintf("wang%d@example.com", n), "备注": "展会名单"}
}

// Records are rows as a sheet's records, the header first.
func Records(rows []Row) [][]string {
	h := Header()
	out := [][]string{h}
	for _, r := range rows {
		rec := make([]string, len(h))
		for i, c := range h {
			rec[i] = r[c]
		}
		out = append(out, rec)
	}
	return out
}

// XLSX writes records as a workbook's first sheet.
func XLSX(t testing.TB, records [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range records {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// CSV writes records as UTF-8 CSV, with a byte-order mark when bom is set.
func CSV(t testing.TB, records [][]string, bom bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// GB18030 writes records as CSV in GB18030.
func GB18030(t testing.TB, records [][]string) []byte {
	t.Helper()
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(CSV(t, records, false))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
