package sea

import (
	"context"
	"net"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/workflows/contract"
)

// TestUnresponsiveTemporalIsUnavailable: a Temporal that takes connections
// and never answers (a stopped or overloaded server; a refused connection
// fails at once) ends an update with a deadline — Wait's, or the SDK's own
// on reaching the server — and the answer is Unavailable (503 at the edge),
// never a Conflict saying the workflow refused (which it was before: the
// SDK's deadline arrives as serviceerror.DeadlineExceeded).
func TestUnresponsiveTemporalIsUnavailable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() { // accept, hold, never answer
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			defer conn.Close()
		}
	}()
	// The SDK's own deadline on its first call (5 s) is lifted, so that
	// Wait ends the update.
	c, err := client.NewLazyClient(client.Options{HostPort: l.Addr().String(),
		ConnectionOptions: client.ConnectionOptions{GetSystemInfoTimeout: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	p := &TemporalProtector{Client: c, Wait: 500 * time.Millisecond}
	for name, call := range map[string]func() error{
		"release": func() error { return p.Release(context.Background(), 1, contract.ReleaseRequest{}) },
		"sign":    func() error { return p.Sign(context.Background(), 1, contract.SignRequest{}) },
		"reschedule": func() error {
			return p.Reschedule(context.Background(), 1, contract.RescheduleRequest{})
		},
	} {
		done := make(chan error, 1)
		go func() { done <- call() }()
		select {
		case err := <-done:
			if !fault.Is(err, fault.Unavailable) {
				t.Errorf("%s with Temporal unresponsive: %v (kind %v), want unavailable", name, err, fault.KindOf(err))
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s with Temporal unresponsive has not returned after a minute", name)
		}
	}
}
