package web

import (
	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/tide-crm/tide/rules"
)

// diffPart is one run of a version's expression against the version before
// it: kept, added (Op 1) or removed (Op -1).
type diffPart struct {
	Op   int
	Text string
}

// Diff is what version v changed in the expression of the version before
// it (by number), word by word; nil for the first version.
func (d ruleData) Diff(v rules.Version) []diffPart {
	var prev *rules.Version
	for i, o := range d.Versions {
		if o.Version < v.Version && (prev == nil || o.Version > prev.Version) {
			prev = &d.Versions[i]
		}
	}
	if prev == nil || prev.Expression == v.Expression {
		return nil
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMain(prev.Expression, v.Expression, false))
	out := make([]diffPart, 0, len(diffs))
	for _, df := range diffs {
		out = append(out, diffPart{Op: int(df.Type), Text: df.Text})
	}
	return out
}
