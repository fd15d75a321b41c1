package imports

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sheet"
)

// reportPage is how many rows the report reads at a time.
const reportPage = 1000

// Report writes an import's report: every uploaded row with its result —
// entered (with the resource's id), refused (why, naming a collision's
// holder as a collision answer does), or, before the commit reaches it,
// the check's verdict — in Chinese, to fix the refused rows and upload the
// file again.
func (s *Service) Report(ctx context.Context, actor people.User, id int64, w io.Writer) error {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return err
	}
	zh := catalog.For(catalog.Chinese)
	after, done := 0, false
	return sheet.WriteReportXLSX(w, func() ([]sheet.ReportRow, error) {
		if done {
			return nil, nil
		}
		rows, err := s.Store.ImportRows(ctx, id, after, reportPage, false)
		if err != nil {
			return nil, err
		}
		done = len(rows) < reportPage
		out := make([]sheet.ReportRow, len(rows))
		for i, r := range rows {
			after = r.Line
			label, why := Outcome(r, zh)
			out[i] = sheet.ReportRow{Fields: r.Fields, Result: label, Reason: why}
			if r.ResourceID != nil {
				out[i].ID = strconv.FormatInt(*r.ResourceID, 10)
			}
		}
		return out, nil
	})
}

// Outcome is where a row stands, in l's words: a short label and why. A
// committed row says what the commit did; a row the commit has not reached
// says what the check found.
func Outcome(r bulk.Row, l catalog.Localizer) (label, why string) {
	switch {
	case r.Result == bulk.ResultEntered:
		return l.Word("Entered by the import"), l.Text(fault.T("entered as resource %d", deref(r.ResourceID)))
	case r.Result == bulk.ResultRefused && r.Reason != nil:
		return l.Word("Not entered"), Explain(*r.Reason, r.Verdict, l)
	}
	switch r.Verdict {
	case bulk.VerdictEnter:
		return l.Word("Would enter"), l.Text(fault.T("company key %s", r.Check.CompanyKey))
	case bulk.VerdictCollides:
		return l.Word("Collides"), Explain(r.Check, r.Verdict, l)
	case bulk.VerdictDuplicate:
		return l.Word("Duplicate in the file"), Explain(r.Check, r.Verdict, l)
	case bulk.VerdictOverCapacity:
		return l.Word("Over capacity"), Explain(r.Check, r.Verdict, l)
	}
	return l.Word("Invalid"), Explain(r.Check, r.Verdict, l)
}

// Explain says in l's words why a row cannot enter, from the detail the
// check or the commit recorded.
func Explain(d bulk.Detail, verdict string, l catalog.Localizer) string {
	chinese := l.Tag() == catalog.Chinese
	var parts []string
	switch {
	case len(d.Hits) > 0:
		for _, h := range d.Hits {
			parts = append(parts, l.Text(hitText(h)))
		}
	case d.DuplicateOf > 0:
		return l.Text(fault.T("the same customer as line %d of this file", d.DuplicateOf))
	case len(d.Problems) > 0:
		for _, p := range d.Problems {
			reason := p.Reason
			if chinese {
				reason = p.Chinese
			}
			parts = append(parts, p.Column+": "+reason)
		}
	case d.Limit > 0 || d.Held > 0 || verdict == bulk.VerdictOverCapacity:
		return l.Text(fault.T("your private sea holds %d resources and the limit is %d", d.Held, d.Limit))
	case d.Refusal != nil:
		if chinese {
			return d.Refusal.Chinese
		}
		return d.Refusal.Reason
	}
	sep := "; "
	if chinese {
		sep = "；"
	}
	return strings.Join(parts, sep)
}

// hitText names one hit as a collision answer does: the key, the holder
// and its owner, no more (R5).
func hitText(h collision.Hit) fault.Text {
	key := fault.T("company key %s", h.Key.Value)
	if h.Key.Type == collision.KeyNumber {
		key = fault.T("number %s", h.Key.Value)
	}
	switch {
	case h.ApplicationID != 0:
		return fault.T("%s is held by application %d (%s)", key, h.ApplicationID, h.Name)
	case h.Owner == nil:
		return fault.T("%s is held by resource %d %s in the public sea", key, h.ResourceID, h.Name)
	}
	return fault.T("%s is held by resource %d %s, owned by %s", key, h.ResourceID, h.Name, h.Owner.Name)
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
