package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/api/apitest"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// poll GETs path as c, decoding into a fresh T each time, every 200 ms
// until done holds of it, and fails the test after 30 s: for what a
// workflow does by itself on the real server.
func poll[T any](t *testing.T, c apitest.Client, path, what string, done func(T) bool) T {
	t.Helper()
	until := time.Now().Add(30 * time.Second)
	for {
		var v T
		c.Do("GET", path, nil, 200, &v)
		if done(v) {
			return v
		}
		if time.Now().After(until) {
			t.Fatalf("%s did not happen: %+v", what, v)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
