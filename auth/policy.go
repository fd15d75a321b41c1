package auth

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// The password policy, stated once: at least MinPassword characters, at
// most MaxPasswordBytes bytes (bcrypt reads no further, and refuses
// longer), valid UTF-8, and not the username.
const (
	MinPassword      = 8
	MaxPasswordBytes = 72
)

// Policy checks a new password for the user named username ("" when not
// known) and says why it is refused.
func Policy(username, password string) error {
	switch {
	case !utf8.ValidString(password):
		return errors.New("a password must be UTF-8 text")
	case utf8.RuneCountInString(password) < MinPassword:
		return errors.New("a password needs at least 8 characters")
	case len(password) > MaxPasswordBytes:
		return errors.New("a password may have at most 72 bytes")
	case username != "" && strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(username)):
		return errors.New("a password may not be the username")
	}
	return nil
}
