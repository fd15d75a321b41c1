package sheet

import "io"

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
// yields none, as one sheet, streamed: memory stays flat whatever the
// number of rows.
func WriteExportXLSX(w io.Writer, next func() ([]ExportRow, error)) error {
	return writeStream(w, ExportHeaders, func() ([][]any, error) {
		rows, err := next()
		out := make([][]any, len(rows))
		for i, r := range rows {
			out[i] = []any{r.ID, r.Name, r.Kind, r.Region, r.Industry, r.Sea, r.Owner, r.ProtectedUntil, r.DaysLeft, r.Key, r.CreatedAt}
		}
		return out, err
	})
}
