package api

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/sheet"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// importTemplate answers the import template, xlsx or csv (UTF-8 with a
// byte-order mark, which Excel on Chinese Windows reads as UTF-8).
func (h handlers) importTemplate(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		var buf bytes.Buffer
		write, ctype := sheet.WriteTemplateXLSX, xlsxType
		if format == "csv" {
			write, ctype = sheet.WriteTemplateCSV, "text/csv; charset=utf-8"
		}
		if err := write(&buf); err != nil {
			fail(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="tide-import-template.`+format+`"`)
		c.Data(http.StatusOK, ctype, buf.Bytes())
	}
}

// exportPage is how many resources the export reads at a time.
const exportPage = 500

// exportResources writes the list the filters select (as GET /resources
// takes them) as a spreadsheet, every page of it, showing what the list
// shows the caller. The answer starts once the first page is read: a
// refusal (a filter, a role) is still a problem document.
func (h handlers) exportResources(c *gin.Context) {
	now := time.Now()
	f, err := listFilter(c, caller(c), now)
	if err != nil {
		fail(c, err)
		return
	}
	// Newest first, keyed on the id alone: every row has one, so no page is
	// skipped whatever the deadlines are.
	f.Limit, f.ByDeadline, f.After = exportPage, false, resource.Cursor{}
	first, err := h.d.Seas.List(c.Request.Context(), caller(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	pending, done := first, false
	next := func() ([]sheet.ExportRow, error) {
		if done {
			return nil, nil
		}
		rs := pending
		if len(rs) < exportPage {
			done = true
		} else {
			f.After = resource.Cursor{ID: rs[len(rs)-1].ID}
			if pending, err = h.d.Seas.List(c.Request.Context(), caller(c), f); err != nil {
				return nil, err
			}
		}
		out := make([]sheet.ExportRow, 0, len(rs))
		for _, r := range rs {
			out = append(out, exportRow(r, now))
		}
		return out, nil
	}
	c.Header("Content-Type", xlsxType)
	c.Header("Content-Disposition", `attachment; filename="tide-resources-`+china.Day(now)+`.xlsx"`)
	c.Status(http.StatusOK)
	if err := sheet.WriteExportXLSX(c.Writer, next); err != nil {
		_ = c.Error(err) // the answer has started: the log says why it ended early
	}
}

// exportWords name a resource's kind and sea in the export, whose headers
// are Chinese: the catalogue's words, as the console shows them.
var exportWords = func() map[string]string {
	w := catalog.For(catalog.Chinese)
	return map[string]string{"enterprise": w.Word("Enterprise"), "individual": w.Word("Individual"),
		"public": w.Word("Public sea"), "private": w.Word("Private sea"), "closed": w.Word("Closed"), "signed": w.Word("Signed")}
}()

func exportRow(r resource.Resource, now time.Time) sheet.ExportRow {
	row := sheet.ExportRow{ID: r.ID, Name: r.Name, Kind: exportWords[r.Kind], Region: r.Region, Industry: r.Parts.Industry,
		Sea: exportWords[r.Sea], Key: r.CompanyKey, CreatedAt: china.Minute(r.CreatedAt)}
	if r.Owner != nil {
		row.Owner = r.Owner.Name
	}
	if r.SignedAt != nil {
		row.ProtectedUntil = exportWords["signed"]
	} else if r.ProtectedUntil != nil {
		row.ProtectedUntil = china.Day(*r.ProtectedUntil)
	}
	if days, ok := sea.ProtectionLeft(r, now); ok {
		row.DaysLeft = strconv.Itoa(days)
	}
	return row
}
