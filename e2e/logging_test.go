package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/converter"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// tide dev writes one log format, the embedded Temporal server's lines
// included (they went to zap's own format on stderr); a request's id reaches its log line and the memo of the
// workflow it starts; and a normal stop logs nothing at error or warning
// level (18 error and 8 warning lines from Temporal before).
func TestOneLogFormatRequestIDsAndAQuietShutdown(t *testing.T) {
	var buf syncBuffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })

	st, err := devserver.Start(context.Background(), devserver.Options{
		DatabaseURL: dbtest.New(t), DataDir: t.TempDir(), Addr: "127.0.0.1:0", Namespace: "default", TokenTTL: time.Hour,
		DemoPassword: "tide-demo", DemoCost: bcrypt.MinCost,
	})
	if err != nil {
		t.Fatal(err)
	}
	s := &system{t: t, stack: st}
	rep := s.login("rep1")
	body, _ := json.Marshal(enterBody("苏州日志精密电子有限公司", "0512-64440000", "13644440000"))
	req, _ := http.NewRequest("POST", rep.Base+"/api/v1/resources", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+rep.Token)
	req.Header.Set("X-Request-Id", "entry-trace-1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var r api.ResourceView
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != 201 {
		t.Fatalf("entry: %d %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	d := describe(t, st.App.Temporal, contract.ResourceWorkflowID(r.ID))
	var memoID string
	if f := d.GetWorkflowExecutionInfo().GetMemo().GetFields()["request_id"]; f == nil ||
		converter.GetDefaultDataConverter().FromPayload(f, &memoID) != nil || memoID != "entry-trace-1" {
		t.Errorf("resource/%d memo request_id = %q, want entry-trace-1", r.ID, memoID)
	}

	stopAt := len(buf.String())
	s.stop()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	sawRequest, sawServer := false, false
	for _, line := range lines {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Errorf("a log line is not slog's JSON: %s", line)
			continue
		}
		if _, ok := entry["time"]; !ok || entry["level"] == nil {
			t.Errorf("a log line without time and level: %s", line)
		}
		if entry["msg"] == "http" && entry["request_id"] == "entry-trace-1" && entry["took_ms"] != nil {
			sawRequest = true
		}
		// The server's own lines (its shutdown, at debug) come through slog too.
		if entry["component"] == "temporal" && entry["level"] == "DEBUG" {
			sawServer = true
		}
	}
	if !sawServer {
		t.Error("no line of the embedded Temporal server came through slog")
	}
	if !sawRequest {
		t.Error("no http log line with request_id entry-trace-1 and took_ms")
	}
	for _, line := range strings.Split(buf.String()[stopAt:], "\n") {
		if strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, `"level":"WARN"`) {
			t.Errorf("the stop logged: %s", line)
		}
	}
}
