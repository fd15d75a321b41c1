package sheet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/tide-crm/tide/fault"
)

const csvText = "公司名称,类型,地区,联系人,手机\n苏州日东精密电子有限公司,企业,苏州,王经理,138 1234 5678\n,,,,\n苏州恒远机械有限公司,,苏州,李经理,13900001111\n"

// The same rows read alike from xlsx, UTF-8 CSV, UTF-8 CSV with a BOM and
// GB18030 CSV (what Excel on Chinese Windows writes); empty rows are skipped
// and lines keep their place in the file.
func TestReadEveryFormatAlike(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(csvText)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"list.csv":      []byte(csvText),
		"bom.csv":       append([]byte("\uFEFF"), csvText...),
		"gb18030.csv":   []byte(gb),
		"workbook.xlsx": xlsxOf(t, csvText),
	}
	for name, data := range files {
		rows, err := Read(name, bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(rows) != 2 || rows[0].Fields["公司名称"] != "苏州日东精密电子有限公司" || rows[0].Fields["手机"] != "138 1234 5678" ||
			rows[1].Line != 4 || rows[1].Fields["类型"] != "" || rows[1].Fields["联系人"] != "李经理" {
			t.Errorf("%s: %+v", name, rows)
		}
	}
}

// English headers are read too; an unknown one, a file that is not what
// its name says, another extension and an over-long cell are refused as
// Invalid, naming why.
func TestReadRefusals(t *testing.T) {
	rows, err := Read("en.csv", strings.NewReader("Company name,Region,Contact,Mobile\n苏州日东精密电子有限公司,苏州,王经理,13812345678\n"))
	if err != nil || len(rows) != 1 || rows[0].Fields["地区"] != "苏州" {
		t.Errorf("English headers: %+v %v", rows, err)
	}
	long := strings.Repeat("长", MaxCell+1)
	for name, data := range map[string]string{
		"unknown.csv": "公司名称,微信\n苏州日东精密电子有限公司,wx\n",
		"fake.xlsx":   csvText,
		"list.txt":    csvText,
		"nohead.csv":  "联系人,手机\n王经理,13812345678\n",
		"long.csv":    "公司名称\n" + long + "\n",
	} {
		if _, err := Read(name, strings.NewReader(data)); !fault.Is(err, fault.Invalid) {
			t.Errorf("%s: %v, want Invalid", name, err)
		}
	}
}

func xlsxOf(t *testing.T, text string) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
		for j, v := range strings.Split(line, ",") {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
