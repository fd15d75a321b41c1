package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// ExportRow is one resource as the export shows it: what the list shows
// the caller, in words.
type ExportRow struct {
	ID                                   int64
	Name, Kind, Region, Industry, Sea    string
	Owner, ProtectedUntil, DaysLeft, Key string
	CreatedAt                            string
}

// ExportHeaders are the export's column headers.
var ExportHeaders = []string{"编号", "公司名称", "类型", "地区", "行业", "所在", "负责人", "保护截止", "剩余天数", "撞单关键字", "录入时间"}

// WriteExportXLSX writes the rows next yields, page after page until it
// yields none, as one sheet, streamed: the sheet goes to a temporary file as
// it grows, so memory stays flat whatever the number of rows.
func WriteExportXLSX(w io.Writer, next func() ([]ExportRow, error)) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", rowsSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(rowsSheet)
	if err != nil {
		return err
	}
	row := 1
	head := make([]any, len(ExportHeaders))
	for i, h := range ExportHeaders {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for {
		rows, err := next()
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		for _, r := range rows {
			row++
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, []any{r.ID, r.Name, r.Kind, r.Region, r.Industry, r.Sea, r.Owner, r.ProtectedUntil,
				r.DaysLeft, r.Key, r.CreatedAt}); err != nil {
				return err
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
