package workcal

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The official data: one file per year, data/YYYY.txt, each listing only the
// exceptions to Monday–Friday as tab-separated lines
//
//	kind	first	last	note
//
// where kind is "holiday" (every date first…last is a day off) or "makeup"
// (every date is a working Saturday or Sunday). '#' starts a comment line.
//
//go:embed data/*.txt
var dataFS embed.FS

var official = sync.OnceValue(func() *Calendar {
	c, err := parseFS(dataFS)
	if err != nil {
		panic(err) // the embedded data is checked by the tests
	}
	return c
})

// Official returns the calendar built from the embedded official data. The
// result is shared and immutable; use WithOverrides for a corrected copy.
func Official() *Calendar { return official() }

func parseFS(fsys fs.FS) (*Calendar, error) {
	names, err := fs.Glob(fsys, "data/*.txt")
	if err != nil {
		return nil, err
	}
	c := &Calendar{years: map[int]*year{}}
	for _, name := range names {
		y, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "data/"), ".txt"))
		if err != nil {
			return nil, fmt.Errorf("workcal: %s: file name is not a year", name)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		yr, err := parseYear(y, string(b))
		if err != nil {
			return nil, fmt.Errorf("workcal: %s: %w", name, err)
		}
		c.years[y] = yr
		c.list = append(c.list, y)
	}
	slices.Sort(c.list)
	return c, nil
}

// newYear returns year y with only weekends off.
func newYear(y int) *year {
	yr := &year{kinds: make([]kind, daysIn(y)), notes: map[int]string{}}
	for i := range yr.kinds {
		if isWeekend(time.Date(y, time.January, i+1, 0, 0, 0, 0, time.UTC)) {
			yr.kinds[i] = kWeekend
		}
	}
	return yr
}

func isWeekend(d time.Time) bool {
	return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
}

func parseYear(y int, text string) (*year, error) {
	yr := newYear(y)
	seen := map[int]bool{}
	for ln, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 4)
		if len(f) != 4 || f[3] == "" {
			return nil, fmt.Errorf("line %d: want kind, first, last, note separated by tabs", ln+1)
		}
		k, ok := parseKind(f[0])
		if !ok || (k != kHoliday && k != kMakeUp) {
			return nil, fmt.Errorf("line %d: kind %q is neither holiday nor makeup", ln+1, f[0])
		}
		first, err1 := parseDate(f[1])
		last, err2 := parseDate(f[2])
		if err1 != nil || err2 != nil || first.Year() != y || last.Year() != y || last.Before(first) {
			return nil, fmt.Errorf("line %d: bad range %s…%s for year %d", ln+1, f[1], f[2], y)
		}
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			i := d.YearDay() - 1
			if seen[i] {
				return nil, fmt.Errorf("line %d: %s listed twice", ln+1, d.Format(time.DateOnly))
			}
			if k == kMakeUp && !isWeekend(d) {
				return nil, fmt.Errorf("line %d: make-up day %s is not a Saturday or Sunday", ln+1, d.Format(time.DateOnly))
			}
			seen[i] = true
			yr.kinds[i], yr.notes[i] = k, f[3]
		}
	}
	return yr, nil
}

// parseDate parses a strict YYYY-MM-DD civil date (as UTC midnight).
func parseDate(s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Format(time.DateOnly) != s {
		return time.Time{}, fmt.Errorf("workcal: date %q is not YYYY-MM-DD", s)
	}
	return d, nil
}
