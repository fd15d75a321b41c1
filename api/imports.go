package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/imports"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sheet"
)

// Imports loads spreadsheets of resources.
type Imports interface {
	Check(ctx context.Context, actor people.User, up imports.Upload) (bulk.Import, error)
	Get(ctx context.Context, actor people.User, id int64) (bulk.Import, error)
	List(ctx context.Context, actor people.User) ([]bulk.Import, error)
	Rows(ctx context.Context, actor people.User, id int64, after, limit int) ([]bulk.Row, error)
	Commit(ctx context.Context, actor people.User, id int64) (bulk.Import, error)
	Cancel(ctx context.Context, actor people.User, id int64) (bulk.Import, error)
	Report(ctx context.Context, actor people.User, id int64, w io.Writer) error
}

// ImportView is an import and where it stands.
type ImportView struct {
	ID         int64          `json:"id"`
	Target     string         `json:"target"`
	FileName   string         `json:"file_name"`
	State      string         `json:"state"`
	Total      int            `json:"total"`
	Verdicts   map[string]int `json:"verdicts"`
	Done       int            `json:"done"`
	Entered    int            `json:"entered"`
	Refused    int            `json:"refused"`
	Cancelling bool           `json:"cancelling"`
	CreatedAt  time.Time      `json:"created_at"`
	StartedAt  *time.Time     `json:"started_at"`
	FinishedAt *time.Time     `json:"finished_at"`
}

// ImportRowView is one row: its check and, once committed, its result.
type ImportRowView struct {
	Line        int               `json:"line"`
	Fields      map[string]string `json:"fields"`
	Verdict     string            `json:"verdict"`
	CompanyKey  string            `json:"company_key,omitempty"`
	Numbers     []string          `json:"numbers"`
	Hits        []HitView         `json:"hits"`
	DuplicateOf int               `json:"duplicate_of,omitempty"`
	Problems    []ProblemField    `json:"problems"`
	Result      string            `json:"result,omitempty"`
	ResourceID  *int64            `json:"resource_id,omitempty"`
	Reason      string            `json:"reason,omitempty"`
}

// ProblemField is one refused field of a row, named by its column.
type ProblemField struct {
	Column string `json:"column"`
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

func importView(i bulk.Import) ImportView {
	v := ImportView{ID: i.ID, Target: i.Target, FileName: i.FileName, State: i.State, Total: i.Total, Verdicts: map[string]int{},
		Done: i.Done(), Entered: i.Entered, Refused: i.Refused, Cancelling: i.CancelRequested && i.State == bulk.StateRunning,
		CreatedAt: i.CreatedAt, StartedAt: i.StartedAt, FinishedAt: i.FinishedAt}
	for _, verdict := range bulk.Verdicts {
		v.Verdicts[verdict] = i.Verdicts[verdict]
	}
	return v
}

// maxUpload bounds an import's multipart body: the file's limit and room
// for the form around it.
const maxUpload = sheet.MaxBytes + 1<<20

func (h handlers) createImport(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUpload)
	file, err := c.FormFile("file")
	var big *http.MaxBytesError
	switch {
	case errors.As(err, &big):
		fail(c, fault.Invalidf([]fault.FieldError{fault.Field("file", "at most %d MiB", sheet.MaxBytes>>20)}, "the file cannot be imported"))
		return
	case err != nil:
		fail(c, fault.Invalidf([]fault.FieldError{fault.Field("file", "required: a multipart field holding an .xlsx or .csv file")},
			"the file cannot be imported"))
		return
	}
	f, err := file.Open()
	if err != nil {
		fail(c, err)
		return
	}
	defer f.Close()
	imp, err := h.d.Imports.Check(c.Request.Context(), caller(c), imports.Upload{Target: c.PostForm("target"), Name: file.Filename, Body: f})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/imports/"+strconv.FormatInt(imp.ID, 10))
	c.JSON(http.StatusCreated, importView(imp))
}

func (h handlers) listImports(c *gin.Context) {
	list, err := h.d.Imports.List(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]ImportView, 0, len(list))
	for _, i := range list {
		out = append(out, importView(i))
	}
	c.JSON(http.StatusOK, gin.H{"imports": out})
}

// importCall is a service call on one import.
type importCall = func(context.Context, people.User, int64) (bulk.Import, error)

// importAction answers an import after one of the service's calls on it.
func (h handlers) importAction(status int, call func(Imports) importCall) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id")
		if err != nil {
			fail(c, err)
			return
		}
		imp, err := call(h.d.Imports)(c.Request.Context(), caller(c), id)
		if err != nil {
			fail(c, err)
			return
		}
		c.JSON(status, importView(imp))
	}
}

func (h handlers) importRows(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	after, limit, err := rowWindow(c)
	if err != nil {
		fail(c, err)
		return
	}
	rows, err := h.d.Imports.Rows(c.Request.Context(), caller(c), id, after, limit)
	if err != nil {
		fail(c, err)
		return
	}
	l := localizer(c)
	out := make([]ImportRowView, 0, len(rows))
	for _, r := range rows {
		v := ImportRowView{Line: r.Line, Fields: r.Fields, Verdict: r.Verdict, CompanyKey: r.Check.CompanyKey,
			Numbers: append([]string{}, r.Check.Numbers...), Hits: hitViews(r.Check.Hits, callerID(c)),
			DuplicateOf: r.Check.DuplicateOf, Problems: []ProblemField{}, Result: r.Result, ResourceID: r.ResourceID}
		for _, p := range r.Check.Problems {
			v.Problems = append(v.Problems, ProblemField{Column: p.Column, Field: p.Field, Reason: p.Reason})
		}
		if r.Result == bulk.ResultRefused {
			_, v.Reason = imports.Outcome(r, l)
		}
		out = append(out, v)
	}
	next := 0
	if len(rows) == limit {
		next = rows[len(rows)-1].Line
	}
	c.JSON(http.StatusOK, gin.H{"rows": out, "next_after": next})
}

// rowWindow reads ?after= (a line, 0 for the start) and ?limit= (1–1000,
// 200 when absent).
func rowWindow(c *gin.Context) (after, limit int, err error) {
	limit = 200
	var bad []fault.FieldError
	if s := c.Query("after"); s != "" {
		if after, err = strconv.Atoi(s); err != nil || after < 0 {
			bad = append(bad, fault.Field("after", "a line number, 0 or more"))
		}
	}
	if s := c.Query("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 || limit > 1000 {
			bad = append(bad, fault.Field("limit", "between 1 and 1000"))
		}
	}
	if bad != nil {
		return 0, 0, fault.Invalidf(bad, "the query is malformed")
	}
	return after, limit, nil
}

func (h handlers) importReport(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		fail(c, err)
		return
	}
	if _, err := h.d.Imports.Get(c.Request.Context(), caller(c), id); err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Type", xlsxType)
	c.Header("Content-Disposition", `attachment; filename="tide-import-`+strconv.FormatInt(id, 10)+`-report.xlsx"`)
	c.Status(http.StatusOK)
	if err := h.d.Imports.Report(c.Request.Context(), caller(c), id, c.Writer); err != nil {
		_ = c.Error(err) // the answer has started: the log says why it ended early
	}
}
