// Package rules decides the numbers and conditions of the business (R22).
//
// Until the rules engine lands (admin-edited expr versions in PostgreSQL),
// each rule point here returns its shipped default and names itself as
// version "builtin", so every decision already records which rule made it.
package rules

import "time"

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

// ProtectionUntil is the rule point protection.until: how long a resource
// entered or picked at now stays protected (R14). Default: 24 months,
// counted in China time.
func ProtectionUntil(now time.Time) Decision[time.Time] {
	return Decision[time.Time]{Value: now.In(Shanghai).AddDate(0, 24, 0), Rule: "protection.until", Version: Builtin}
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("rules: time zone " + name + ": " + err.Error())
	}
	return loc
}
