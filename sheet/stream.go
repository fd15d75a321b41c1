package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// writeStream writes one sheet named rowsSheet: the header row, then the
// rows next yields, page after page until it yields none, through the
// library's stream writer (the sheet goes to a temporary file as it grows,
// so memory stays flat whatever the number of rows).
func writeStream(w io.Writer, header []string, next func() ([][]any, error)) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", rowsSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(rowsSheet)
	if err != nil {
		return err
	}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = h
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
		for _, values := range rows {
			row++
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
