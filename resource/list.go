package resource

import "time"

// ListFilter selects and orders resources for a list. Empty fields do not
// filter.
type ListFilter struct {
	Sea      string // public or private
	OwnerID  int64  // with Sea private: that owner's resources only
	Region   string // exact region as entered
	Industry string // the parsed industry (R3)
	Kind     string
	Find     Find // what ?q= looks for

	Until      *TimeRange // protection deadline between (for days_left)
	ByDeadline bool       // soonest deadline first (else newest first)
	After      Cursor     // the last row of the previous page
	Limit      int
}

// Find is one search text read every way it can match: a part of the name
// or of a current contact's name (Text), a part of the company key (Key, the
// text's own key), a number (Number, in normal form) or digits of a number
// (Digits, without leading zeros). Empty parts do not match.
type Find struct {
	Text, Key, Number, Digits string
}

// TimeRange is a half-open range [From, To); zero ends are open.
type TimeRange struct{ From, To time.Time }

// Cursor is where a page ends: the sort value and id of its last row.
type Cursor struct {
	ID       int64
	Deadline time.Time // with ByDeadline
}
