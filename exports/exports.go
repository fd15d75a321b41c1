// Package exports writes lists of resources as spreadsheets (导出): the
// list the filters select, every page of it, showing exactly what the list
// shows its caller, streamed so that a list of any length costs the same
// memory. The API and the console both write exports through it.
package exports

import (
	"context"
	"io"
	"strconv"
	"time"

	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/sheet"
)

// Lister reads a page of the list as the caller may see it; sea.Service
// implements it.
type Lister interface {
	List(ctx context.Context, actor people.User, f resource.ListFilter) ([]resource.Resource, error)
}

// page is how many resources the export reads at a time.
const page = 500

// Export is one export about to be written: its first page is read, so a
// refusal (a filter, a role) comes before the answer starts.
type Export struct {
	ctx   context.Context
	list  Lister
	actor people.User
	f     resource.ListFilter
	first []resource.Resource
	now   time.Time
}

// Prepare reads the first page of the list f selects for actor, newest
// first by id (every row has one, so no page is skipped whatever the
// deadlines are).
func Prepare(ctx context.Context, list Lister, actor people.User, f resource.ListFilter, now time.Time) (*Export, error) {
	f.Limit, f.ByDeadline, f.After = page, false, resource.Cursor{}
	first, err := list.List(ctx, actor, f)
	if err != nil {
		return nil, err
	}
	return &Export{ctx: ctx, list: list, actor: actor, f: f, first: first, now: now}, nil
}

// FileName is the export's file name, dated in China.
func (e *Export) FileName() string { return "tide-resources-" + china.Day(e.now) + ".xlsx" }

// WriteXLSX writes every page as one sheet. An error after the first byte
// ends the file early; the caller logs it.
func (e *Export) WriteXLSX(w io.Writer) error {
	pending, done := e.first, false
	return sheet.WriteExportXLSX(w, func() ([]sheet.ExportRow, error) {
		if done {
			return nil, nil
		}
		rs := pending
		if len(rs) < page {
			done = true
		} else {
			e.f.After = resource.Cursor{ID: rs[len(rs)-1].ID}
			var err error
			if pending, err = e.list.List(e.ctx, e.actor, e.f); err != nil {
				return nil, err
			}
		}
		out := make([]sheet.ExportRow, 0, len(rs))
		for _, r := range rs {
			out = append(out, row(r, e.now))
		}
		return out, nil
	})
}

// words name a resource's kind and sea in the export, whose headers are
// Chinese: the catalogue's words, as the console shows them.
var words = func() map[string]string {
	w := catalog.For(catalog.Chinese)
	return map[string]string{"enterprise": w.Word("Enterprise"), "individual": w.Word("Individual"),
		"public": w.Word("Public sea"), "private": w.Word("Private sea"), "closed": w.Word("Closed"), "signed": w.Word("Signed")}
}()

func row(r resource.Resource, now time.Time) sheet.ExportRow {
	out := sheet.ExportRow{ID: r.ID, Name: r.Name, Kind: words[r.Kind], Region: r.Region, Industry: r.Parts.Industry,
		Sea: words[r.Sea], Key: r.CompanyKey, CreatedAt: china.Minute(r.CreatedAt)}
	if r.Owner != nil {
		out.Owner = r.Owner.Name
	}
	if r.SignedAt != nil {
		out.ProtectedUntil = words["signed"]
	} else if r.ProtectedUntil != nil {
		out.ProtectedUntil = china.Day(*r.ProtectedUntil)
	}
	if days, ok := sea.ProtectionLeft(r, now); ok {
		out.DaysLeft = strconv.Itoa(days)
	}
	return out
}
