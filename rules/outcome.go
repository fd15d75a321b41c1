package rules

// What administering a rule did or would do, as the seas report it.

// DryRun is what a rule version would change if it were active now.
type DryRun struct {
	Decisions int `json:"decisions"` // current decisions the rule makes
	Changed   int `json:"changed"`   // of those, the ones the version would decide otherwise
}

// Reapplied counts what re-applying a timing rule did.
type Reapplied struct {
	Open     int              `json:"open"`     // deadlines the rule sets that were open
	Changed  int              `json:"changed"`  // of those, moved to the new rule's answer
	Failed   int              `json:"failed"`   // could not be moved (e.g. released or signed meanwhile)
	Failures []ReapplyFailure `json:"failures"` // which, and why
}

// ReapplyFailure is a deadline re-applying could not move, and why.
type ReapplyFailure struct {
	ResourceID int64  `json:"resource_id"`
	Reason     string `json:"reason"`
}

// reappliable lists the timing rules whose open deadlines tide can
// re-apply: protection.until, kept by each protection's workflow.
var reappliable = map[string]bool{"protection.until": true}

// CanReapply reports whether a rule's open deadlines can be re-applied.
func CanReapply(rule string) bool { return reappliable[rule] }
