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
// Rules are evaluated in services, never in workflow
// code: an admin may activate a new version at any moment, and workflow code
// must give the same answers when it is replayed. A rule's answer — a
// deadline — is decided by a service before the workflow starts (or is told
// of it by an update) and travels in the workflow's input.
// For the same reason this package must not import Temporal.
//
// Timing rules answer absolute deadlines through workdays_after(t, n),
// months_after(t, n), after(t, "36h") and friends (funcs.go), counted in
// China time (R16), so an admin can shorten any period at run time.
package rules

// Decision is a rule's answer with the rule and version that gave it.
type Decision[T any] struct {
	Value   T
	Rule    string
	Version string
}
