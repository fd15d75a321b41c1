package rules

// What administering a rule did or would do, as the seas report it.

// DryRun is what a rule version would change if it were active now.
type DryRun struct {
	Decisions int             `json:"decisions"` // current decisions the rule makes
	Changed   int             `json:"changed"`   // of those, the ones the version would decide otherwise
	Examples  []DryRunExample `json:"examples"`  // the first few changed, to read before activating
}

// DryRunExamples is how many changed decisions a dry run lists.
const DryRunExamples = 5

// DryRunExample is one decision a version would change: whom or what it
// concerns, what the rule in force decides and what the version would.
type DryRunExample struct {
	Subject string `json:"subject"` // "user/7 Rep One", "resource/42 苏州日东精密电子有限公司"
	Now     string `json:"now"`
	Then    string `json:"then"`
}

// Add counts one changed decision, keeping it as an example while there is
// room.
func (d *DryRun) Add(subject, now, then string) {
	d.Changed++
	if len(d.Examples) < DryRunExamples {
		d.Examples = append(d.Examples, DryRunExample{Subject: subject, Now: now, Then: then})
	}
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
