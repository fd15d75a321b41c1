package rules

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Cache holds compiled programs keyed by (rule, version). A version is
// immutable, so an entry never goes stale: when a new version is activated
// (NOTIFY tide_rules) callers simply Get it. Safe for concurrent use; each
// version is compiled once even when many goroutines ask at once.
type Cache struct {
	cal      Calendar
	mu       sync.Mutex
	entries  map[cacheKey]*cacheEntry
	compiles atomic.Int64 // compilations done, for tests
}

type cacheKey struct {
	rule    string
	version int
}

type cacheEntry struct {
	once       sync.Once
	expression string
	prog       *Program
	err        error
}

// NewCache returns an empty cache whose programs use cal for working days.
func NewCache(cal Calendar) *Cache {
	return &Cache{cal: cal, entries: make(map[cacheKey]*cacheEntry)}
}

// Get returns the compiled program of version of rule, compiling expression
// on first use. A compile error is cached too (the version cannot change).
// Asking for a cached version with a different expression is an error.
func (c *Cache) Get(rule string, version int, expression string) (*Program, error) {
	k := cacheKey{rule, version}
	c.mu.Lock()
	e := c.entries[k]
	if e == nil {
		e = &cacheEntry{expression: expression}
		c.entries[k] = e
	}
	c.mu.Unlock()
	if e.expression != expression {
		return nil, fmt.Errorf("rules: %s version %d is cached with another expression; versions are immutable", rule, version)
	}
	e.once.Do(func() {
		c.compiles.Add(1)
		p, err := Compile(rule, expression, c.cal)
		if p != nil {
			p.version = version
		}
		e.prog, e.err = p, err
	})
	return e.prog, e.err
}
