package namekey

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
)

// TestT2STablesMatchConvert: converting with the copied tables gives what
// OpenCC's Convert gives, on every entry alone and between others, on
// random strings of entries, changed and plain characters, and on the
// table's names written in traditional characters.
func TestT2STablesMatchConvert(t *testing.T) {
	if !t2sReady() || t2sTabs == nil {
		t.Fatal("the t2s tables were not read")
	}
	var entries []string
	for _, g := range t2sTabs {
		for _, d := range g {
			for k := range d.words {
				entries = append(entries, k)
			}
		}
	}
	slices.Sort(entries)
	plain := []string{"苏", "州", "日", "东", "电", "子", "有", "限", "公", "司", "a", "B", "1", " ", "(", "·", "一", "了", "后", "干", "面"}
	check := func(s string) {
		t.Helper()
		if got, want := convert(s), convertOpenCC(s); got != want {
			t.Fatalf("convert(%q) = %q, Convert gives %q", s, got, want)
		}
	}
	for _, e := range entries {
		check(e)
		check("日" + e + "东")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(16) {
			if rng.IntN(2) == 0 {
				b.WriteString(entries[rng.IntN(len(entries))])
			} else {
				b.WriteString(plain[rng.IntN(len(plain))])
			}
		}
		check(b.String())
	}
	s2t, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		trad, err := s2t.Convert(c.name)
		if err != nil {
			t.Fatal(err)
		}
		check(c.name)
		check(trad)
	}
}
