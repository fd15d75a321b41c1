// Package bulk holds the domain types of a bulk import (导入): an uploaded
// file, each of its rows with the check's verdict, and what the commit did
// with it. It does no I/O; package imports runs imports and package store
// keeps them.
package bulk

import (
	"time"

	"github.com/tide-crm/tide/collision"
)

// Targets: where an import's rows go.
const (
	TargetPublic = "public" // the public sea (sales support, admins)
	TargetMine   = "mine"   // the importer's own private sea (reps; capacity applies)
)

// States of an import.
const (
	StateChecked   = "checked"   // checked, waiting for a commit
	StateRunning   = "running"   // import/<id> is entering its rows
	StateCancelled = "cancelled" // stopped between batches on request
	StateDone      = "done"      // every row has its result
)

// Verdicts of the check, one per row.
const (
	VerdictEnter        = "enter"         // would enter
	VerdictCollides     = "collides"      // a stored resource holds one of its keys (R2)
	VerdictDuplicate    = "duplicate"     // an earlier row of the same file holds one of its keys
	VerdictInvalid      = "invalid"       // a required field is missing or malformed (R17, R4)
	VerdictOverCapacity = "over_capacity" // the importer's private sea would be full (R13)
)

// Verdicts lists the verdicts in the order a summary shows them.
var Verdicts = []string{VerdictEnter, VerdictCollides, VerdictDuplicate, VerdictInvalid, VerdictOverCapacity}

// Results of the commit, one per row.
const (
	ResultEntered = "entered"
	ResultRefused = "refused"
)

// Import is one uploaded file and where its commit stands.
type Import struct {
	ID              int64
	CreatedBy       int64
	Target          string
	FileName        string
	State           string
	Total           int
	CreatedAt       time.Time
	StartedAt       *time.Time
	FinishedAt      *time.Time
	CancelRequested bool
	Verdicts        map[string]int // rows per check verdict
	Entered         int            // rows the commit entered
	Refused         int            // rows the commit refused
}

// Done is how many rows the commit has finished, entered or refused.
func (i Import) Done() int { return i.Entered + i.Refused }

// Row is one row of an import: as uploaded, as checked, as committed.
type Row struct {
	Line       int               // its line in the file: 2 is the first after the headers
	Fields     map[string]string // by the template's Chinese headers
	Verdict    string
	Check      Detail
	Result     string // "" until the commit reaches it
	ResourceID *int64 // the resource it entered
	Reason     *Detail
}

// Detail says why a row has its verdict or result.
type Detail struct {
	CompanyKey  string          `json:"company_key,omitempty"`
	Numbers     []string        `json:"numbers,omitempty"` // every number in normal form
	Hits        []collision.Hit `json:"hits,omitempty"`    // as a collision answer names them
	DuplicateOf int             `json:"duplicate_of,omitempty"`
	Problems    []Problem       `json:"problems,omitempty"`
	// Limit and Held: the capacity that refused the row.
	Limit int `json:"limit,omitempty"`
	Held  int `json:"held,omitempty"`
	// Refusal: why the commit refused it otherwise, in both languages.
	Refusal *Problem `json:"refusal,omitempty"`
}

// Problem is one refused field of a row: the template's column, the
// request field it feeds, and the reason in English and in Chinese.
type Problem struct {
	Column  string `json:"column"`
	Field   string `json:"field"`
	Reason  string `json:"reason"`
	Chinese string `json:"chinese"`
}
