package sheet

import "io"

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
	var header []string
	for _, c := range append(append([]Column{}, ImportColumns...), ReportColumns...) {
		header = append(header, c.Chinese)
	}
	return writeStream(w, header, func() ([][]any, error) {
		rows, err := next()
		out := make([][]any, len(rows))
		for i, r := range rows {
			values := make([]any, 0, len(header))
			for _, c := range ImportColumns {
				values = append(values, r.Fields[c.Chinese])
			}
			out[i] = append(values, r.Result, r.Reason, r.ID)
		}
		return out, err
	})
}
