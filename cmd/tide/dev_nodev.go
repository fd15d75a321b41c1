//go:build nodev

package main

import (
	"context"
	"errors"
)

// runDev is absent from production builds (-tags nodev), which link neither
// the embedded Temporal server nor its UI.
func runDev(context.Context, []string) error {
	return errors.New("this binary was built with -tags nodev: dev mode is not included; use `go run ./cmd/tide dev`")
}
