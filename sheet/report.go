package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// ReportColumns are the columns an import's report adds after the
// template's: Read skips them, so a report with its refused rows fixed can
// be uploaded again as it is.
var ReportColumns = []Column{
	{Chinese: "结果", English: "result"},
	{Chinese: "说明", English: "reason"},
	{Chinese: "资源编号", English: "resource id"},
}

// ReportRow is one uploaded row with its result in words.
type ReportRow struct {
	Fields             map[string]string // by the template's Chinese headers
	Result, Reason, ID string
}

// WriteReportXLSX writes an import's report: the template's columns with
// each row as uploaded, then its result, the reason in words and the
// resource it entered; rows next yields, page after page until it yields
// none, streamed as the export is.
func WriteReportXLSX(w io.Writer, next func() ([]ReportRow, error)) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", rowsSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(rowsSheet)
	if err != nil {
		return err
	}
	var head []any
	for _, c := range append(append([]Column{}, ImportColumns...), ReportColumns...) {
		head = append(head, c.Chinese)
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	row := 1
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
			values := make([]any, 0, len(head))
			for _, c := range ImportColumns {
				values = append(values, r.Fields[c.Chinese])
			}
			values = append(values, r.Result, r.Reason, r.ID)
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, values); err != nil {
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
