package dbtest

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
)

// Outage stands between a test's store and PostgreSQL, forwarding TCP, so
// a test can take the database away (every connection dropped, new ones
// refused) and bring it back, without touching the machine's server.
type Outage struct {
	t      testing.TB
	ln     net.Listener
	target string

	mu    sync.Mutex
	down  bool
	conns map[net.Conn]bool
}

// NewOutage listens on a free local port in front of the database of
// dbURL and returns the proxy and the URL that goes through it.
func NewOutage(t testing.TB, dbURL string) (*Outage, string) {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o := &Outage{t: t, ln: ln, target: u.Host, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); o.Cut() })
	go o.serve()
	u.Host = ln.Addr().String()
	return o, u.String()
}

// Cut drops every open connection and refuses new ones until Restore.
func (o *Outage) Cut() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.down = true
	for c := range o.conns {
		c.Close()
	}
	clear(o.conns)
}

// Restore lets connections through again.
func (o *Outage) Restore() {
	o.mu.Lock()
	o.down = false
	o.mu.Unlock()
}

func (o *Outage) serve() {
	for {
		c, err := o.ln.Accept()
		if err != nil {
			return
		}
		go o.forward(c)
	}
}

func (o *Outage) forward(c net.Conn) {
	o.mu.Lock()
	if o.down {
		o.mu.Unlock()
		c.Close()
		return
	}
	s, err := net.Dial("tcp", o.target)
	if err != nil {
		o.mu.Unlock()
		c.Close()
		return
	}
	o.conns[c], o.conns[s] = true, true
	o.mu.Unlock()
	go func() { io.Copy(s, c); s.Close() }() //nolint:errcheck // ends with either side
	io.Copy(c, s)                            //nolint:errcheck
	c.Close()
}
