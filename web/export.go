package web

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/tide-crm/tide/exports"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/resource"
)

// exportList downloads 我的客户 (mine) or 公海 as the list's filters select
// them, every page, as the list shows them (导出).
func (c *console) exportList(mine bool) func(http.ResponseWriter, *http.Request, *session) {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		q := r.URL.Query()
		f := resource.ListFilter{Sea: resource.SeaPublic, Region: strings.TrimSpace(q.Get("region")),
			Industry: strings.TrimSpace(q.Get("industry")), Find: intake.Find(strings.TrimSpace(q.Get("q")))}
		if mine {
			f.Sea, f.OwnerID = resource.SeaPrivate, s.user.ID
		}
		if k := q.Get("kind"); k == intake.KindEnterprise || k == intake.KindIndividual {
			f.Kind = k
		}
		e, err := exports.Prepare(r.Context(), c.d.Seas, *s.user, f, time.Now())
		if err != nil {
			status, text := refusal(s, err)
			http.Error(w, text, status)
			return
		}
		h := w.Header()
		h.Set("Content-Type", xlsxType)
		h.Set("Content-Disposition", `attachment; filename="`+e.FileName()+`"`)
		h.Set("Cache-Control", "no-store")
		if err := e.WriteXLSX(w); err != nil {
			slog.Warn("web: an export ended early", "component", "web", "err", err)
		}
	}
}
