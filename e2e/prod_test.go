package e2e

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tide-crm/tide/devserver"
)

// prodBinary builds the production tide (-tags nodev, without the embedded
// Temporal server) once per test binary and returns its path.
var prodBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "tide-prod-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "tide")
	out, err := exec.Command("go", "build", "-tags", "nodev", "-o", bin, "../cmd/tide").CombinedOutput()
	if err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return bin, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// temporalOnly starts an embedded Temporal server alone, for production
// processes to use as an external one.
func temporalOnly(t *testing.T) string {
	t.Helper()
	srv, err := devserver.StartTemporal(devserver.TemporalOptions{DataDir: t.TempDir(), Namespace: "default"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
	return srv.Address
}

// process is a running production tide command.
type process struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	addr   string
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// runProd starts `tide <args>` of the production build with env added to
// this process's environment, and stops it (SIGTERM) at cleanup.
func runProd(t testing.TB, env []string, args ...string) *process {
	t.Helper()
	bin, err := prodBinary()
	if err != nil {
		t.Fatalf("build the production binary: %v", err)
	}
	p := &process{cmd: exec.Command(bin, args...), stderr: &syncBuffer{}}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- p.cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = p.cmd.Process.Kill()
			<-done
		}
	})
	return p
}

// kill ends the process at once (SIGKILL), as a crash would.
func (p *process) kill() {
	_ = p.cmd.Process.Kill()
	_ = p.cmd.Wait()
}

// waitHTTP waits until GET url answers at all, failing the test after 60 s.
func waitHTTP(t testing.TB, url string, p *process) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return
		}
		if p.cmd.ProcessState != nil {
			t.Fatalf("the process ended: %s", p.stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within 60 s; stderr:\n%s", url, p.stderr)
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitLog waits until the process's stderr holds want.
func waitLog(t testing.TB, p *process, want string, within time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	for ctx.Err() == nil {
		if strings.Contains(p.stderr.String(), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("stderr does not say %q within %v:\n%s", want, within, p.stderr)
}
