// Package auth hashes passwords and mints bearer tokens. Passwords are kept
// only as bcrypt hashes (a deliberately slow hash); tokens are 256 random bits
// that the store keeps only as SHA-256, so a leaked database holds neither.
package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// Cost is the bcrypt work factor for new hashes: about a quarter of a second
// per hash on a current core, which makes guessing expensive.
const Cost = 12

// HashPassword returns the bcrypt hash of password at the given cost, after
// checking it against the policy (Policy).
func HashPassword(password string, cost int) (string, error) {
	if err := Policy("", password); err != nil {
		return "", err
	}
	release, err := acquire(context.Background())
	if err != nil {
		return "", err
	}
	defer release()
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", fmt.Errorf("auth: hash: %w", err)
	}
	return string(h), nil
}

// CheckPassword reports whether password matches hash. It waits for one of
// the few hashing slots (see acquire); ErrBusy when none came in time.
func CheckPassword(ctx context.Context, hash, password string) (bool, error) {
	release, err := acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil, nil
}

// dummyHash is compared against when a username is unknown, so that a
// failed login takes as long whether or not the user exists.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("tide-no-such-user"), Cost)

// WasteComparison spends the time of one password check, in a slot like a
// real one.
func WasteComparison(ctx context.Context, password string) error {
	_, err := CheckPassword(ctx, string(dummyHash), password)
	return err
}

// NewToken returns a fresh random bearer token.
func NewToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// NewPassword returns a fresh random password of 20 characters (120 bits),
// for an operator who does not choose one.
func NewPassword() (string, error) {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: password: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
