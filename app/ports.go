package app

import (
	"errors"
	"fmt"
	"net"
	"strconv"
)

// Port is a listen address a process will need and the setting that
// chooses it, so that a taken port is reported by the name an operator
// can change.
type Port struct {
	Addr     string // host:port; port 0 is never taken
	Variable string // e.g. TIDE_ADDR
}

// CheckPorts tries to bind every address before anything starts: a taken
// port found later costs seconds of start-up and pages of other
// components' errors (the embedded Temporal server dies with a stack trace).
// The error names each taken address and the variable that moves it.
func CheckPorts(ports ...Port) error {
	var errs []error
	for _, p := range ports {
		host, port, err := net.SplitHostPort(p.Addr)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q is not host:port", p.Variable, p.Addr))
			continue
		}
		if port == "0" {
			continue
		}
		l, err := net.Listen("tcp", p.Addr)
		if err != nil {
			n, _ := strconv.Atoi(port)
			errs = append(errs, fmt.Errorf("%s is already in use by another program: set %s to a free one, e.g. %s=%s",
				p.Addr, p.Variable, p.Variable, net.JoinHostPort(host, strconv.Itoa(n+1))))
			continue
		}
		l.Close()
	}
	return errors.Join(errs...)
}
