package namekey

import (
	"math/rand/v2"
	"testing"
)

// TestT2SShortcut: skipping names with no changeable rune gives what the
// converter gives. The strings mix changed runes, ordinary simplified
// characters and the table names.
func TestT2SShortcut(t *testing.T) {
	toSimplified("蘇") // build the converter
	if t2sChanged == nil || len(t2sChanged) < 2000 {
		t.Fatalf("changed runes: %d; the shortcut is off", len(t2sChanged))
	}
	var changed []rune
	for r := range t2sChanged {
		changed = append(changed, r)
	}
	plain := []rune("苏州日东精密电子有限公司上海浦东新区一不了解后发干面松")
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20000; i++ {
		n := 1 + rng.IntN(8)
		rs := make([]rune, n)
		for j := range rs {
			if rng.IntN(4) == 0 {
				rs[j] = changed[rng.IntN(len(changed))]
			} else {
				rs[j] = plain[rng.IntN(len(plain))]
			}
		}
		s := string(rs)
		want := convert(s)
		if !mayChange(s) && want != s {
			t.Fatalf("%q: skipped, but Convert gives %q", s, want)
		}
	}
	for _, c := range cases {
		if !mayChange(c.name) && convert(c.name) != c.name {
			t.Errorf("%q: skipped, but Convert changes it", c.name)
		}
	}
}
