package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse", bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h, "correct horse") {
		t.Fatal("hash contains the password")
	}
	if ok, err := CheckPassword(context.Background(), h, "correct horse"); !ok || err != nil {
		t.Errorf("the right password was refused (%v)", err)
	}
	if ok, _ := CheckPassword(context.Background(), h, "correct horsE"); ok {
		t.Error("a wrong password was accepted")
	}
}

func TestHashPasswordRefusesShortPasswords(t *testing.T) {
	if _, err := HashPassword("short", bcrypt.MinCost); err == nil {
		t.Error("a 5-character password was accepted")
	}
}

func TestProductionCostIsSlow(t *testing.T) {
	h, err := HashPassword("correct horse", Cost)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := bcrypt.Cost([]byte(h)); c < 12 {
		t.Errorf("bcrypt cost %d, want at least 12", c)
	}
}

func TestTokensAreUniqueAndLong(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if len(tok) < 43 {
			t.Fatalf("token %q shorter than 256 bits", tok)
		}
		if seen[tok] {
			t.Fatal("token repeated")
		}
		seen[tok] = true
	}
}

// Password checks run in a bounded number of slots: with every slot taken,
// a check waits (here until its context ends) instead of adding one more
// bcrypt to the cores; it never compares.
func TestPasswordChecksWaitForASlot(t *testing.T) {
	h, err := HashPassword("correct horse", bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	var releases []func()
	for range cap(slots) {
		r, err := acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, r)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if ok, err := CheckPassword(ctx, h, "correct horse"); ok || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("with every slot taken: %v, %v; want to wait until the context ends", ok, err)
	}
	for _, r := range releases {
		r()
	}
	if ok, err := CheckPassword(context.Background(), h, "correct horse"); !ok || err != nil {
		t.Errorf("with the slots free again: %v, %v", ok, err)
	}
}

func TestPolicy(t *testing.T) {
	for _, tt := range []struct {
		user, pass string
		ok         bool
	}{
		{"rep1", "correct horse", true},
		{"rep1", "短短短短短短短短", true}, // 8 characters, 24 bytes
		{"rep1", "seven77", false},
		{"rep1", strings.Repeat("x", 73), false},
		{"longusername", "LongUserName", false},
		{"rep1", "longpassword1", true},
	} {
		if err := Policy(tt.user, tt.pass); (err == nil) != tt.ok {
			t.Errorf("Policy(%q, %q) = %v, want ok=%v", tt.user, tt.pass, err, tt.ok)
		}
	}
}
