package auth

import (
	"strings"
	"testing"

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
	if !CheckPassword(h, "correct horse") {
		t.Error("the right password was refused")
	}
	if CheckPassword(h, "correct horsE") {
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
