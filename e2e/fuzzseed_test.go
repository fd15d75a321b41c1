package e2e

// What TestFuzzAPI needs besides its requests: a few resources,
// applications, notes, a referral and a rule version under small ids (so
// that generated ids 1..10 mostly exist), and the errors the server logs
// while answering, which say why a 5xx happened.

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
)

// seedFuzz fills a fresh stack with something of every kind.
func seedFuzz(t *testing.T, s *system) {
	rep1, rep2, rep3 := s.login("rep1"), s.login("rep2"), s.login("rep3")
	a1, support, admin := s.login("assistant1"), s.login("support"), s.login("admin")
	var me api.MeView
	rep1.Do("GET", "/api/v1/me", nil, 200, &me)
	var ids []int64
	for i, c := range []apitest.Client{rep1, rep1, rep1, rep2, rep2, rep3} {
		var r api.ResourceView
		name := fmt.Sprintf("苏州%s精密电子有限公司", []string{"甲乙", "丙丁", "戊己", "庚辛", "壬癸", "子丑"}[i])
		c.Do("POST", "/api/v1/resources", enterBody(name, fmt.Sprintf("0512-6990000%d", i), fmt.Sprintf("1399000000%d", i)), 201, &r)
		ids = append(ids, r.ID)
	}
	rep1.Do("POST", "/api/v1/resources/"+itoa(ids[2])+"/release", map[string]string{"reason": "no budget"}, 200, nil)
	rep2.Do("POST", "/api/v1/resources/"+itoa(ids[4])+"/release", map[string]string{"reason": "moved away"}, 200, nil)
	rep1.Do("POST", "/api/v1/resources/"+itoa(ids[0])+"/notes", map[string]string{"channel": "phone", "summary": "初次联系"}, 201, nil)
	rep1.Do("POST", "/api/v1/resources/"+itoa(ids[0])+"/contacts", map[string]string{"name": "孙", "mobile": "13990001111"}, 201, nil)

	var app api.ApplicationView
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me.ID, "reason": "walk-in",
		"proposed": proposal("苏州远航包装有限公司", "0512-68880000")}, 201, &app)
	rep2.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "resource_id": ids[2], "reason": "老客户"}, 201, nil)
	rep3.Do("POST", "/api/v1/applications", map[string]any{"type": "pick_in", "reason": "展会",
		"proposed": proposal("昆山新宇五金有限公司", "0512-57770000")}, 201, nil)
	support.Do("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]string{"mode": "self_entry"}, 200, nil)
	rep2.Do("POST", "/api/v1/referrals", map[string]any{"resource_id": ids[0], "note": "同一家",
		"lead": map[string]string{"company": "甲乙精密", "mobile": "13990002222"}}, 201, nil)
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions", map[string]string{"expression": "300", "comment": "the same"}, 201, nil)
}

// serverLog keeps what the API logs as errors while it answers a request
// ("request failed", "panic"), and drops the rest of the server's logging,
// which would bury the test's own report.
type serverLog struct {
	mu    sync.Mutex
	lines []string
}

// captureServerLog makes l the default logger until the test ends.
func captureServerLog(t *testing.T) *serverLog {
	l := &serverLog{}
	old, w, flags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(l))
	t.Cleanup(func() { slog.SetDefault(old); log.SetOutput(w); log.SetFlags(flags) })
	return l
}

func (l *serverLog) Enabled(_ context.Context, lv slog.Level) bool { return lv >= slog.LevelError }
func (l *serverLog) WithAttrs([]slog.Attr) slog.Handler            { return l }
func (l *serverLog) WithGroup(string) slog.Handler                 { return l }

func (l *serverLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "request failed" && r.Message != "panic" {
		return nil
	}
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "err" || a.Key == "panic" {
			fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		}
		return true
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, b.String())
	return nil
}

// take returns the lines logged since the last take.
func (l *serverLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}
