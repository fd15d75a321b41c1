package namekey

import (
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
)

// Traditional characters are converted with OpenCC's t2s tables, from the
// pure-Go port github.com/longbridgeapp/opencc, which reads its
// dictionaries from data embedded in its own package (no file or network
// I/O). Building the converter takes about 6 ms, so it is built on first
// use, once. Three things about that port are worked around here:
//   - its Convert allocates for every character (a map per character, from
//     the trie it searches) and costs some 20 µs a name, more than all the
//     rest of Parse: the tables are copied into Go maps once, and
//     t2stables.go converts with them as Convert does;
//   - most names have no traditional character at all, so a name none of
//     whose characters any table entry changes skips the conversion (see
//     changedRunes);
//   - it is third-party code on arbitrary input, so where its Convert is
//     still used (the tables did not have the shape copied), a panic in it
//     is recovered and the name is left unconverted rather than crash the
//     caller.
//
// Importing the port also registers a global command-line flag, -dir, that
// nothing uses (see data/SOURCES.md).
var (
	t2sOnce sync.Once
	t2sConv *opencc.OpenCC // nil if it could not be built: no conversion
	t2sTabs []t2sGroup     // its tables; nil if they could not be read: Convert is used
	// t2sChanged holds every rune that some table entry changes; nil means
	// unknown, and every name is converted.
	t2sChanged map[rune]bool
	// t2sLow is t2sChanged below U+A000 as bits, for normalize to test
	// each rune of a name without a map look-up.
	t2sLow [0xA000 / 64]uint64
)

// t2sReady builds the converter, once, and reports whether there is one.
func t2sReady() bool {
	t2sOnce.Do(func() {
		cc, err := opencc.New("t2s")
		if err != nil {
			return
		}
		t2sConv, t2sTabs = cc, readT2S(cc)
		t2sChanged = changedRunes(t2sTabs)
		for r := range t2sChanged {
			if r < 0xA000 {
				t2sLow[r/64] |= 1 << (r % 64)
			}
		}
	})
	return t2sConv != nil
}

// toSimplified converts traditional characters in s to simplified ones.
func toSimplified(s string) string {
	if !t2sReady() || !mayChange(s) {
		return s
	}
	// The tables are not quite idempotent (薴 → 苧 → 苎), so convert until
	// nothing changes; two rounds are enough for every entry.
	for range 3 {
		out := convert(s)
		if out == s {
			break
		}
		s = out
	}
	return s
}

func mayChange(s string) bool {
	for _, r := range s {
		if t2sMayChange(r) {
			return true
		}
	}
	return false
}

// t2sMayChange reports whether a conversion may change r (t2sReady first).
func t2sMayChange(r rune) bool {
	switch {
	case t2sChanged == nil:
		return true
	case r < 0xA000:
		return t2sLow[r/64]&(1<<(r%64)) != 0
	}
	return t2sChanged[r]
}

// changedRunes lists the runes that a conversion can change: for a
// character entry its key, for a phrase the characters where it differs
// from its conversion (all of them if the lengths differ). A string with
// none of them comes out of Convert unchanged, since every entry that
// matches in it maps it to itself.
func changedRunes(tabs []t2sGroup) map[rune]bool {
	m := map[rune]bool{}
	for _, g := range tabs {
		for _, d := range g {
			for k, v := range d.words {
				from, to := []rune(k), []rune(v)
				for i, r := range from {
					if len(from) != len(to) || to[i] != r {
						m[r] = true
					}
				}
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
