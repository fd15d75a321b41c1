package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/tide-crm/tide/fault"
)

// Limits of an uploaded file, stated in the refusals.
const (
	MaxBytes = 10 << 20 // 10 MiB
	MaxRows  = 10000
	MaxCell  = 500 // characters
)

// Row is one data row of an import, by the template's Chinese header, with
// its line in the file (2 is the first row after the headers).
type Row struct {
	Line   int
	Fields map[string]string
}

// Read reads an uploaded import file: .xlsx (its first sheet) or .csv in
// UTF-8 (with or without a byte-order mark) or GB18030/GBK, which Excel on
// Chinese Windows writes. Headers are matched in Chinese or English; an
// unknown header is refused, so no column is silently dropped. A file that
// is not what its name says, too large, too long or with an over-long cell
// is refused as Invalid, naming the limit.
func Read(name string, r io.Reader) ([]Row, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, invalid("file", "at most %d MiB", MaxBytes>>20)
	}
	var records [][]string
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		if records, err = readXLSX(data); err != nil {
			return nil, invalid("file", "not an .xlsx workbook: %v", err)
		}
	case ".csv":
		if records, err = readCSV(data); err != nil {
			return nil, invalid("file", "not a readable CSV file: %v", err)
		}
	default:
		return nil, invalid("file", "an .xlsx or .csv file")
	}
	return rows(records)
}

// readXLSX reads the first sheet row by row (the library's streaming
// reader: half the time and memory of reading the sheet whole), with cells
// as stored rather than formatted: a mobile number typed as a number stays
// its digits.
func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		out = append(out, cols)
	}
	return out, rows.Error()
}

// readCSV decodes UTF-8 (a BOM dropped) or, when the bytes are not UTF-8,
// GB18030 — a superset of GBK and GB2312.
func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("neither UTF-8 nor GB18030: %w", err)
		}
		data = decoded
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	return cr.ReadAll()
}

// header names a column by the template's Chinese header.
var header = func() map[string]string {
	m := map[string]string{}
	for _, c := range ImportColumns {
		m[c.Chinese], m[strings.ToLower(c.English)] = c.Chinese, c.Chinese
	}
	for _, c := range ReportColumns { // known, and skipped
		m[c.Chinese], m[strings.ToLower(c.English)] = "", ""
	}
	return m
}()

func rows(records [][]string) ([]Row, error) {
	if len(records) == 0 {
		return nil, invalid("file", "the first row must hold the headers, as in the template")
	}
	cols := make([]string, len(records[0]))
	for i, h := range records[0] {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		name, ok := header[h]
		if !ok {
			name, ok = header[strings.ToLower(h)]
		}
		if !ok {
			return nil, invalid("file", "an unknown column %q: use the template's headers", h)
		}
		cols[i] = name
	}
	if !contains(cols, "公司名称") {
		return nil, invalid("file", "no 公司名称 column: use the template's headers")
	}
	var out []Row
	for n, rec := range records[1:] {
		line := n + 2
		row := Row{Line: line, Fields: map[string]string{}}
		empty := true
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if i >= len(cols) || cols[i] == "" || v == "" {
				continue
			}
			if utf8.RuneCountInString(v) > MaxCell {
				return nil, invalid("file", "line %d, column %s: at most %d characters", line, cols[i], MaxCell)
			}
			row.Fields[cols[i]], empty = v, false
		}
		if empty {
			continue
		}
		if len(out) == MaxRows {
			return nil, invalid("file", "at most %d rows", MaxRows)
		}
		out = append(out, row)
	}
	return out, nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func invalid(field, format string, args ...any) error {
	return fault.Invalidf([]fault.FieldError{fault.Field(field, format, args...)}, "the file cannot be imported")
}
