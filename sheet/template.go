package sheet

import (
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the template.
const (
	rowsSheet    = "客户"
	explainSheet = "说明"
)

// WriteTemplateXLSX writes the import template: the headers and one example
// row on the first sheet, what each column takes on the second.
func WriteTemplateXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", rowsSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(explainSheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, c := range ImportColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetCellStr(rowsSheet, col+"1", c.Chinese); err != nil {
			return err
		}
		if err := f.SetCellStr(rowsSheet, col+"2", c.Example); err != nil {
			return err
		}
		if err := f.SetColWidth(rowsSheet, col, col, 18); err != nil {
			return err
		}
		row := i + 2
		for j, v := range []string{c.Chinese, c.English, c.Explain} {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			if err := f.SetCellStr(explainSheet, cell, v); err != nil {
				return err
			}
		}
	}
	for j, v := range []string{"列", "English", "填写说明"} {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(explainSheet, cell, v); err != nil {
			return err
		}
	}
	if err := f.SetRowStyle(rowsSheet, 1, 1, bold); err != nil {
		return err
	}
	if err := f.SetRowStyle(explainSheet, 1, 1, bold); err != nil {
		return err
	}
	if err := f.SetColWidth(explainSheet, "C", "C", 80); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteTemplateCSV writes the template as UTF-8 CSV with a byte-order mark,
// so that Excel on Chinese Windows opens it as UTF-8: the headers and the
// example row.
func WriteTemplateCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	var head, example []string
	for _, c := range ImportColumns {
		head, example = append(head, c.Chinese), append(example, c.Example)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	if err := cw.Write(example); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
