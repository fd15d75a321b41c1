package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/imports"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sheet"
)

// Imports loads spreadsheets of resources; imports.Service implements it.
type Imports interface {
	Check(ctx context.Context, actor people.User, up imports.Upload) (bulk.Import, error)
	Get(ctx context.Context, actor people.User, id int64) (bulk.Import, error)
	List(ctx context.Context, actor people.User) ([]bulk.Import, error)
	Rows(ctx context.Context, actor people.User, id int64, after, limit int) ([]bulk.Row, error)
	Commit(ctx context.Context, actor people.User, id int64) (bulk.Import, error)
	Cancel(ctx context.Context, actor people.User, id int64) (bulk.Import, error)
	Report(ctx context.Context, actor people.User, id int64, w io.Writer) error
}

// importsData is 导入: the upload form, where the rows go, the latest imports.
type importsData struct {
	Target    string // bulk.TargetMine for a rep, else bulk.TargetPublic
	Room      string // a rep's holding against capacity, "" for support
	FileError string
	Error     string
	Recent    []importSummary
}

// importSummary is one import as a list or a page heads it.
type importSummary struct {
	ID                       int64
	FileName, State, Created string
	StateWord                string // the state in the page's language
	Target                   string
	Total, Done, Percent     int
	Entered, Refused         int
	Verdicts                 map[string]int
	Cancelling               bool
}

// importStateWords name an import's states, in English for the catalogue.
var importStateWords = map[string]string{bulk.StateChecked: "Checked: waiting for you to confirm", bulk.StateRunning: "Entering",
	bulk.StateCancelled: "Cancelled", bulk.StateDone: "Done"}

func summarize(i bulk.Import, words catalog.Localizer) importSummary {
	out := importSummary{ID: i.ID, FileName: i.FileName, State: i.State, Target: i.Target, Created: china.Minute(i.CreatedAt),
		StateWord: words.Word(importStateWords[i.State]),
		Total:     i.Total, Done: i.Done(), Entered: i.Entered, Refused: i.Refused, Verdicts: i.Verdicts,
		Cancelling: i.CancelRequested && i.State == bulk.StateRunning}
	if i.Total > 0 {
		out.Percent = out.Done * 100 / i.Total
	}
	return out
}

// importTarget is where the user's imports go: a rep's own sea, or the
// public sea for sales support and admins.
func importTarget(u people.User) string {
	if u.Role == people.RoleRep {
		return bulk.TargetMine
	}
	return bulk.TargetPublic
}

func (c *console) importsPage(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderImports(w, r, s, http.StatusOK, importsData{})
}

func (c *console) renderImports(w http.ResponseWriter, r *http.Request, s *session, status int, d importsData) {
	ctx := r.Context()
	d.Target = importTarget(*s.user)
	if d.Target == bulk.TargetMine {
		if room, err := c.d.Seas.Room(ctx, *s.user); err == nil {
			d.Room = itoa(int64(room.Held)) + " / " + itoa(int64(room.Limit))
		}
	}
	list, err := c.d.Imports.List(ctx, *s.user)
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	for _, i := range list {
		d.Recent = append(d.Recent, summarize(i, s.words))
	}
	c.render(w, r, s, status, "imports", d)
}

// upload checks an uploaded file and shows its check; a refused file is
// named next to the file field (a browser cannot give a chosen file back:
// the page says to choose it again).
func (c *console) upload(w http.ResponseWriter, r *http.Request, s *session) {
	r.Body = http.MaxBytesReader(w, r.Body, sheet.MaxBytes+1<<20)
	file, header, err := r.FormFile("file")
	var big *http.MaxBytesError
	switch {
	case errors.As(err, &big):
		c.renderImports(w, r, s, http.StatusUnprocessableEntity, importsData{FileError: s.words.Text(
			fault.T("at most %d MiB", sheet.MaxBytes>>20))})
		return
	case err != nil:
		c.renderImports(w, r, s, http.StatusUnprocessableEntity, importsData{FileError: s.words.Word("Choose an .xlsx or .csv file.")})
		return
	}
	defer file.Close()
	imp, err := c.d.Imports.Check(r.Context(), *s.user, imports.Upload{Target: importTarget(*s.user), Name: header.Filename, Body: file})
	if err != nil {
		status, text := refusal(s, err)
		d := importsData{}
		if fields := fieldErrors(s, err, nil); fields["file"] != "" {
			d.FileError = fields["file"]
		} else {
			d.Error = text
		}
		c.renderImports(w, r, s, status, d)
		return
	}
	http.Redirect(w, r, "/imports/"+itoa(imp.ID), http.StatusSeeOther)
}

// importData is one import: its counts, its progress, the rows to fix.
type importData struct {
	Import  importSummary
	Rows    []importRow // the rows that will not enter, or did not
	More    int         // such rows beyond those shown
	Refusal string
	Error   string
}

// importRow is one row that needs the user: as uploaded, and why.
type importRow struct {
	Line                                   int
	Name, Contact, Mobile, Landline, Label string
	Why                                    string
}

// importRowsShown bounds the rows a page lists; the report has them all.
const importRowsShown = 200

func (c *console) importPage(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderImport(w, r, s, http.StatusOK, "")
}

func (c *console) renderImport(w http.ResponseWriter, r *http.Request, s *session, status int, errText string) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	imp, err := c.d.Imports.Get(ctx, *s.user, id)
	if err != nil {
		st, text := refusal(s, err)
		c.render(w, r, s, st, "import", importData{Refusal: text})
		return
	}
	d := importData{Import: summarize(imp, s.words), Error: errText}
	rows, err := c.d.Imports.Rows(ctx, *s.user, id, 0, sheet.MaxRows)
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	for _, row := range rows {
		if row.Result == bulk.ResultEntered || row.Result == "" && row.Verdict == bulk.VerdictEnter {
			continue
		}
		if len(d.Rows) == importRowsShown {
			d.More++
			continue
		}
		label, why := imports.Outcome(row, s.words)
		d.Rows = append(d.Rows, importRow{Line: row.Line, Name: row.Fields["公司名称"], Contact: row.Fields["联系人"],
			Mobile: row.Fields["手机"], Landline: row.Fields["固话"], Label: label, Why: why})
	}
	c.render(w, r, s, status, "import", d)
}

// importProgress is the running import's progress bar, which htmx asks for
// every second; once the import has ended the whole page reloads.
func (c *console) importProgress(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	imp, err := c.d.Imports.Get(r.Context(), *s.user, id)
	if err != nil {
		status, text := refusal(s, err)
		http.Error(w, text, status)
		return
	}
	if imp.State != bulk.StateRunning {
		w.Header().Set("HX-Refresh", "true")
	}
	c.renderFragment(w, s, http.StatusOK, "import", "progress", importData{Import: summarize(imp, s.words)})
}

func (c *console) commitImport(w http.ResponseWriter, r *http.Request, s *session) {
	c.importAction(w, r, s, c.d.Imports.Commit)
}

func (c *console) cancelImport(w http.ResponseWriter, r *http.Request, s *session) {
	c.importAction(w, r, s, c.d.Imports.Cancel)
}

func (c *console) importAction(w http.ResponseWriter, r *http.Request, s *session,
	call func(context.Context, people.User, int64) (bulk.Import, error)) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if _, err := call(r.Context(), *s.user, id); err != nil {
		status, text := refusal(s, err)
		c.renderImport(w, r, s, status, text)
		return
	}
	http.Redirect(w, r, "/imports/"+itoa(id), http.StatusSeeOther)
}

// importReport downloads an import's report.
func (c *console) importReport(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer // at most 10,000 rows: the refusal, if any, still comes as a page
	if err := c.d.Imports.Report(r.Context(), *s.user, id, &buf); err != nil {
		status, text := refusal(s, err)
		c.render(w, r, s, status, "import", importData{Refusal: text})
		return
	}
	download(w, "tide-import-"+itoa(id)+"-report.xlsx", xlsxType, buf.Bytes())
}

// importTemplate downloads the import template, xlsx or csv.
func (c *console) importTemplate(format string) func(http.ResponseWriter, *http.Request, *session) {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		var buf bytes.Buffer
		write, ctype := sheet.WriteTemplateXLSX, xlsxType
		if format == "csv" {
			write, ctype = sheet.WriteTemplateCSV, "text/csv; charset=utf-8"
		}
		if err := write(&buf); err != nil {
			slog.Error("web: the import template", "err", err)
			http.Error(w, s.words.Word("the server failed to handle the request; it has been logged"), http.StatusInternalServerError)
			return
		}
		download(w, "tide-import-template."+format, ctype, buf.Bytes())
	}
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// download answers a file to save.
func download(w http.ResponseWriter, name, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}
