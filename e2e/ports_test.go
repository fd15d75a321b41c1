package e2e

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/store/dbtest"
)

// A taken port is found before anything starts and reported by the variable
// that moves it: the audit waited 10.7 s and ~40 error lines for TIDE_ADDR,
// and got only the Temporal server's stack trace for its port.
func TestTakenPortsNameTheirVariable(t *testing.T) {
	t.Parallel()
	taken := func() (net.Listener, int) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		return l, l.Addr().(*net.TCPAddr).Port
	}
	api, apiPort := taken()
	_, temporalPort := taken()
	_, uiPort := taken()
	dir := t.TempDir()
	_, err := devserver.Start(context.Background(), devserver.Options{
		DatabaseURL: dbtest.New(t), DataDir: dir, Addr: api.Addr().String(), Namespace: "default",
		TemporalPort: temporalPort, UIPort: uiPort, TokenTTL: time.Hour,
	})
	for _, want := range []string{"TIDE_ADDR=127.0.0.1:" + strconv.Itoa(apiPort+1), "TIDE_TEMPORAL_PORT", "TIDE_TEMPORAL_UI_PORT"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("tide dev with its ports taken: %v, want it to name %s", err, want)
		}
	}
	if _, statErr := os.Stat(filepath.Join(dir, "temporal.db")); !os.IsNotExist(statErr) {
		t.Errorf("the embedded Temporal server started before the ports were checked (%v)", statErr)
	}

	bin, err := prodBinary()
	if err != nil {
		t.Fatal(err)
	}
	// Neither PostgreSQL nor Temporal is there: the port is checked first.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "api")
	cmd.Env = append(os.Environ(), "TIDE_ADDR="+api.Addr().String(), "TIDE_DATABASE_URL=postgres://nobody@127.0.0.1:1/none",
		"TIDE_TEMPORAL_ADDRESS=127.0.0.1:1")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "set TIDE_ADDR to a free one") {
		t.Errorf("tide api with TIDE_ADDR taken: %v: %s", err, out)
	}
}
