package phone

import (
	"fmt"
	"strings"
)

// Kind classifies what is wrong with a number, for callers that react to
// some problems differently (an empty field, a missing area code).
type Kind string

// The kinds of Error.
const (
	KindEmpty       Kind = "empty"        // nothing but spaces and separators
	KindTooShort    Kind = "too_short"    // fewer than 7 digits
	KindTooLong     Kind = "too_long"     // more digits than any one number has
	KindLetters     Kind = "letters"      // letters that are not an extension marker
	KindCharacter   Kind = "character"    // a character that has no place in a number
	KindExtension   Kind = "extension"    // an extension marker without 1–6 digits after it
	KindMobile      Kind = "mobile"       // looks like a mobile (starts with 1) but is not a valid one
	KindAreaCode    Kind = "area_code"    // an area code that does not exist
	KindLocalLength Kind = "local_length" // wrong number of digits after the area code
	KindNoAreaCode  Kind = "no_area_code" // a bare local number and a region that names no single city
	KindCountryCode Kind = "country_code" // "+" or "00" followed by no known country code
	KindInvalid     Kind = "invalid"      // right shape, but no such number
	KindCount       Kind = "count"        // Normalize: not exactly one number
)

// Error says, in plain English, what is wrong with a typed number and, where
// it helps, how to write it instead. Its message is meant for the person who
// typed the number.
type Error struct {
	Kind  Kind
	Input string // the piece of input that is wrong, trimmed
	// Format and Args are the message before formatting, for a caller that
	// translates it.
	Format string
	Args   []any
	msg    string
}

func (e *Error) Error() string { return e.msg }

func newError(k Kind, input, format string, args ...any) *Error {
	return &Error{Kind: k, Input: trim(input), Format: format, Args: args, msg: fmt.Sprintf(format, args...)}
}

func trim(s string) string { return strings.TrimSpace(s) }

// Phrase is part of a message, with its format and arguments kept for a
// caller that translates it; it prints as its English.
type Phrase struct {
	Format string
	Args   []any
}

func phrase(format string, args ...any) Phrase { return Phrase{Format: format, Args: args} }

func (p Phrase) String() string { return fmt.Sprintf(p.Format, p.Args...) }
