package account

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Failed sign-ins are throttled per username and per address, so that
// neither guessing one user's password nor trying many users from one place
// gets more than a few tries: each failure spends a token, and while a
// bucket is empty every sign-in through it — right or wrong — is refused
// with the time to wait. A success spends nothing.
var (
	// PerUser allows 5 failures in a row, then one every 30 s.
	PerUser = Limit{Every: 30 * time.Second, Burst: 5}
	// PerAddress allows 20 failures in a row, then one every 3 s.
	PerAddress = Limit{Every: 3 * time.Second, Burst: 20}
)

// Limit is a token bucket: Burst tokens, one more every Every.
type Limit struct {
	Every time.Duration
	Burst int
}

// maxBuckets bounds the memory a flood of made-up usernames can take;
// full buckets (nothing to remember) are dropped first.
const maxBuckets = 100_000

type throttle struct {
	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	user    Limit
	addr    Limit
}

func newThrottle(user, addr Limit) *throttle {
	return &throttle{buckets: map[string]*rate.Limiter{}, user: user, addr: addr}
}

func (t *throttle) keys(username, addr string) []string {
	keys := []string{"user:" + strings.ToLower(strings.TrimSpace(username))}
	if addr != "" {
		keys = append(keys, "addr:"+addr)
	}
	return keys
}

func (t *throttle) bucket(key string) *rate.Limiter {
	if b := t.buckets[key]; b != nil {
		return b
	}
	if len(t.buckets) >= maxBuckets {
		t.prune()
	}
	l := t.user
	if strings.HasPrefix(key, "addr:") {
		l = t.addr
	}
	b := rate.NewLimiter(rate.Every(l.Every), l.Burst)
	t.buckets[key] = b
	return b
}

// prune forgets buckets that are full again; if none is, it forgets all
// (a flood of distinct names would otherwise hold memory).
func (t *throttle) prune() {
	now := time.Now()
	for k, b := range t.buckets {
		if b.TokensAt(now) >= float64(b.Burst()) {
			delete(t.buckets, k)
		}
	}
	if len(t.buckets) >= maxBuckets {
		clear(t.buckets)
	}
}

// wait reports how long a sign-in of username from addr must wait before
// it may be tried; 0 when it may be tried now.
func (t *throttle) wait(username, addr string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	var longest time.Duration
	for _, k := range t.keys(username, addr) {
		b := t.buckets[k]
		if b == nil || b.TokensAt(now) >= 1 {
			continue
		}
		r := b.ReserveN(now, 1)
		longest = max(longest, r.DelayFrom(now))
		r.CancelAt(now)
	}
	return longest
}

// failed spends a token of each bucket of the sign-in.
func (t *throttle) failed(username, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	for _, k := range t.keys(username, addr) {
		t.bucket(k).AllowN(now, 1)
	}
}
