package auth

import (
	"context"
	"errors"
	"runtime"
	"time"
)

// A bcrypt comparison is a quarter of a second of one core, by design. On
// the request path, sixteen parallel wrong logins took every core and
// slowed every other request a hundredfold. Hashing therefore runs in at
// most half the cores (one on a two-core machine); the rest of the server
// keeps answering, and logins queue.
var slots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))

// MaxWait is how long a password check waits for a slot before giving up
// with ErrBusy.
const MaxWait = 3 * time.Second

// ErrBusy reports that no hashing slot came free within MaxWait: too many
// sign-ins at once. The caller should answer "try again shortly".
var ErrBusy = errors.New("auth: too many password checks at once")

// acquire waits for a hashing slot and returns its release.
func acquire(ctx context.Context) (func(), error) {
	t := time.NewTimer(MaxWait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, nil
	case <-t.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
