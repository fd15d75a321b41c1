package api

import (
	"bytes"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/exports"
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
	e, err := exports.Prepare(c.Request.Context(), h.d.Seas, caller(c), f, now)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Type", xlsxType)
	c.Header("Content-Disposition", `attachment; filename="`+e.FileName()+`"`)
	c.Status(http.StatusOK)
	if err := e.WriteXLSX(c.Writer); err != nil {
		_ = c.Error(err) // the answer has started: the log says why it ended early
	}
}
