package namekey

import (
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
)

// Traditional characters are converted with OpenCC's t2s tables, through
// the pure-Go port github.com/longbridgeapp/opencc, which reads its
// dictionaries from data embedded in its own package (no file or network
// I/O). Building the converter takes about 6 ms, so it is built on first
// use, once. Two things about that port are worked around here:
//   - its Convert allocates for every character, and most names have no
//     traditional character at all, so a name none of whose characters any
//     table entry changes skips it (see changedRunes);
//   - it is third-party code on arbitrary input, so a panic in it is
//     recovered and the name is left unconverted rather than crash the caller.
//
// Importing the port also registers a global command-line flag, -dir, that
// nothing uses (see data/SOURCES.md).
var (
	t2sOnce sync.Once
	t2sConv *opencc.OpenCC // nil if it could not be built: no conversion
	// t2sChanged holds every rune that some table entry changes; nil means
	// unknown, and every name is converted.
	t2sChanged map[rune]bool
)

// toSimplified converts traditional characters in s to simplified ones.
func toSimplified(s string) string {
	t2sOnce.Do(func() {
		if cc, err := opencc.New("t2s"); err == nil {
			t2sConv, t2sChanged = cc, changedRunes(cc)
		}
	})
	if t2sConv == nil || !mayChange(s) {
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
	if t2sChanged == nil {
		return true
	}
	for _, r := range s {
		if t2sChanged[r] {
			return true
		}
	}
	return false
}

// changedRunes lists the runes that a conversion can change: for a
// character entry its key, for a phrase the characters where it differs
// from its conversion (all of them if the lengths differ). A string with
// none of them comes out of Convert unchanged, since every entry that
// matches in it maps it to itself.
func changedRunes(cc *opencc.OpenCC) map[rune]bool {
	m := map[rune]bool{}
	for _, g := range cc.DictChains {
		for _, d := range g.Dicts {
			if d == nil || d.Trie == nil {
				return nil
			}
			for _, id := range d.Trie.PrefixPredict(nil, 0) {
				k, err := d.Trie.Key(id)
				v, err2 := d.Trie.Value(id)
				if err != nil || err2 != nil || v < 0 || v >= len(d.Values) || len(d.Values[v]) == 0 {
					return nil // not the structure this relies on: convert everything
				}
				from, to := []rune(string(k)), []rune(d.Values[v][0])
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

func convert(s string) (out string) {
	defer func() {
		if recover() != nil {
			out = s
		}
	}()
	out, err := t2sConv.Convert(s)
	if err != nil {
		return s
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
