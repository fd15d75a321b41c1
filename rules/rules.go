// Package rules decides the numbers and conditions of the business (R22):
// capacity, periods, deadlines, who may pick what.
//
// A rule point is a place where tide asks for such a decision. Each point
// (see Points) has a name such as "capacity.limit", a typed environment (a
// Go struct such as CapacityEnv: what the rule may look at), a declared
// result type and a shipped default expression. Admins replace a rule by
// activating a new immutable version: an expr expression
// (github.com/expr-lang/expr) that Compile checks against the point's
// environment and result type, and that must pass its fixtures (Check)
// before activation. Cache keeps compiled programs by (rule, version), and
// every decision records the rule and version that made it (Decision).
//
// There is no now(): the current time is part of the environment, given by
// the caller, so an evaluation is a pure function of its input. It can be
// tested with fixtures, replayed, and explained afterwards.
//
// Rules are evaluated in activities and request handlers, never in workflow
// code: an admin may activate a new version at any moment, and workflow code
// must give the same answers when it is replayed. A workflow asks an
// activity, which records the answer (a deadline, a refusal) in history.
// For the same reason this package must not import Temporal.
//
// Timing rules answer absolute deadlines through workdays_after(t, n),
// months_after(t, n), after(t, "36h") and friends (funcs.go), counted in
// China time (R16), so an admin can shorten any period at run time.
package rules

import (
	"sync"
	"time"
)

// Decision is a rule's answer with the rule and version that gave it.
type Decision[T any] struct {
	Value   T
	Rule    string
	Version string
}

// Builtin is the version name of a shipped default.
const Builtin = "builtin"

// Shanghai is the zone all business deadlines are computed in (R16).
var Shanghai = mustZone("Asia/Shanghai")

// defaultProtection is the shipped default of protection.until, compiled
// once; it needs no calendar.
var defaultProtection = sync.OnceValue(func() *Program {
	p, err := Compile("protection.until", DefaultProtectionUntil, nil)
	if err != nil {
		panic("rules: default protection.until: " + err.Error())
	}
	return p
})

// ProtectionUntil is the rule point protection.until with its shipped
// default: how long a resource entered or picked at now stays protected
// (R14). Default: 24 months, counted in China time.
func ProtectionUntil(now time.Time) Decision[time.Time] {
	d, err := Decide[time.Time](defaultProtection(), ProtectionEnv{Now: now})
	if err != nil { // months_after cannot fail; a broken default is a bug
		panic("rules: default protection.until: " + err.Error())
	}
	d.Version = Builtin
	return d
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("rules: time zone " + name + ": " + err.Error())
	}
	return loc
}
