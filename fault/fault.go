// Package fault defines the kinds of failure that tide's packages report to
// each other, so that the HTTP edge can map them to status codes once, by a
// table, without inspecting messages.
//
// A package below the API returns a *fault.Error (possibly wrapped with %w);
// anything else reaching the edge is an internal error.
package fault

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds. Their order is not meaningful.
const (
	Internal        Kind = iota // a bug or an unexpected failure of a dependency
	Invalid                     // the request fails validation: fields say which
	Malformed                   // the request cannot be read at all (bad JSON, bad path)
	Unauthenticated             // no valid credentials
	Forbidden                   // authenticated, but not allowed
	NotFound                    // the subject does not exist (or is not visible)
	Conflict                    // the request conflicts with current state
	Collision                   // a collision search found a blocking hit (R5)
	Unavailable                 // a dependency (database, Temporal) is unreachable
	TooManyRequests             // the caller must slow down (login throttling)
	RuleFailed                  // an admin's rule could not decide (R22): the request is refused, naming the rule
)

var kindNames = map[Kind]string{
	Internal: "internal", Invalid: "invalid", Malformed: "malformed", Unauthenticated: "unauthenticated",
	Forbidden: "forbidden", NotFound: "not_found", Conflict: "conflict",
	Collision: "collision", Unavailable: "unavailable", TooManyRequests: "too_many_requests",
	RuleFailed: "rule_failed",
}

func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// FieldError names one offending field of a request and what is wrong with it.
// Reason is in English; Text, when set, is the same reason in translatable
// form (otherwise the edge translates Reason as it stands).
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
	Text   *Text  `json:"-"`
}

// Field returns a FieldError whose reason is a format and its arguments.
func Field(field, format string, args ...any) FieldError {
	t := T(format, args...)
	return FieldError{Field: field, Reason: t.String(), Text: &t}
}

// Error is a classified error. Detail is safe to show to the caller, in
// English; Text is the same in translatable form. Err, when set, is the
// underlying cause and is only logged.
type Error struct {
	Kind   Kind
	Detail string
	Text   Text
	Fields []FieldError
	// Extra holds kind-specific data for the caller, such as collision hits.
	Extra map[string]any
	// RetryAfter, when set, tells the caller when trying again may succeed
	// (TooManyRequests, Unavailable).
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	msg := e.Kind.String() + ": " + e.Detail
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the given kind with a caller-safe detail.
func New(k Kind, format string, args ...any) *Error {
	return (&Error{Kind: k}).Say(format, args...)
}

// Wrap classifies err with kind k and a caller-safe detail.
func Wrap(err error, k Kind, detail string) *Error {
	return &Error{Kind: k, Err: err, Detail: detail, Text: T(detail)}
}

// Say replaces the error's detail (and its translatable form).
func (e *Error) Say(format string, args ...any) *Error {
	e.Text = T(format, args...)
	e.Detail = e.Text.String()
	return e
}

// Invalidf returns an Invalid error naming the offending fields.
func Invalidf(fields []FieldError, format string, args ...any) *Error {
	e := New(Invalid, format, args...)
	e.Fields = fields
	return e
}

// KindOf reports the kind of the first *Error in err's chain; failing that,
// the kind a registered classifier gives it; failing that, Internal.
func KindOf(err error) Kind {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	for _, c := range classifiers {
		if k, ok := c(err); ok {
			return k
		}
	}
	return Internal
}

// classifiers are consulted, in order, for errors that carry no *Error.
var classifiers []func(error) (Kind, bool)

// Classify registers a classifier for errors that arrive unclassified: a
// package that talks to a dependency (the store, to PostgreSQL) registers
// one at init, so that a lost connection is Unavailable wherever in the
// package the error escaped, not only where someone remembered to wrap it.
// Not safe to call concurrently with KindOf: call it from init.
func Classify(c func(error) (Kind, bool)) { classifiers = append(classifiers, c) }

// Is reports whether err carries kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }
