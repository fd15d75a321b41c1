package namekey

import (
	"bufio"
	"embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// The word lists and the divisions are embedded: Parse does no I/O.
//
//go:embed data/*.txt data/regions.tsv
var dataFS embed.FS

// kind says what a word of the tail of a name is. A word has one kind of
// org, generic and industry (TestListsAreDisjoint); individual and branch
// are marks on org forms, and the last two are derived marks, set on load.
type kind uint16

const (
	kOrg        kind = 1 << iota // organisation form: 有限公司, 厂, 中心
	kIndividual                  // org form used by individual businesses
	kBranch                      // org form that ends a branch's name
	kGeneric                     // generic word: 实业, 贸易, 集团
	kIndustry                    // industry word: 电子, 精密机械
	kZone                        // development zone after a region: 高新区
	kNamed                       // zone word that may end a named area: 象屿 + 保税区
	kOverlaps                    // form or generic word that may begin inside an industry word, a shorter form after it: 工厂 (加工 + 厂)
	kEndsRegion                  // form or generic word that ends a division's name: 店 (驻马店), 门市 (厦门市)
)

// dict holds every list the parser uses, loaded once from the embedded files.
type dict struct {
	words   map[string]kind // tail words and zones
	maxWord int             // longest word, in runes

	regions    []region
	forms      map[string]*regionForm // full and short forms of the divisions
	shortOf    map[string]string      // full name → its shortest form of two or more characters
	byCode     map[string]int         // division code → index into regions
	maxForm    int
	englishTok map[string]string // English word → legal, generic, region, area, branch, article

	// Which lengths to look up where (see lens.go).
	wordEnds, zoneStarts, namedStarts, formStarts lenSet
}

var (
	dictOnce sync.Once
	theDict  *dict
)

// dicts returns the loaded lists. Loading takes a few milliseconds and runs
// on first use, so importing the package costs nothing.
func dicts() *dict {
	dictOnce.Do(func() { theDict = loadDict() })
	return theDict
}

func loadDict() *dict {
	d := &dict{words: map[string]kind{}, forms: map[string]*regionForm{}, shortOf: map[string]string{}, byCode: map[string]int{}, englishTok: map[string]string{}}
	eachLine("data/orgforms.txt", func(f []string) {
		k := kOrg
		if len(f) > 1 {
			for _, m := range strings.Split(f[1], ",") {
				switch m {
				case "individual":
					k |= kIndividual
				case "branch":
					k |= kBranch
				}
			}
		}
		d.addWord(f[0], k)
	})
	eachLine("data/generic.txt", func(f []string) { d.addWord(f[0], kGeneric) })
	eachLine("data/industries.txt", func(f []string) { d.addWord(f[0], kIndustry) })
	eachLine("data/zones.txt", func(f []string) {
		k := kZone
		if len(f) > 1 && f[1] == "named" {
			k |= kNamed
		}
		d.addWord(f[0], k)
	})
	eachLine("data/english.txt", func(f []string) {
		if len(f) > 1 {
			d.englishTok[f[0]] = f[1]
		}
	})
	d.loadRegions()
	d.markOverlaps()
	d.buildLens()
	return d
}

// markOverlaps sets kOverlaps and kEndsRegion (see tailWord, stripTail):
// only for the few words that have them does stripTail look at the words
// around a form, so that names ending in 有限公司 pay nothing for it.
func (d *dict) markOverlaps() {
	indEnds := map[string]bool{} // proper suffixes of industry words
	for w, k := range d.words {
		for i := range w {
			if i > 0 && k&kIndustry != 0 {
				indEnds[w[i:]] = true
			}
		}
	}
	for w, k := range d.words {
		for i := range w {
			if i > 0 && k&(kOrg|kGeneric) != 0 && indEnds[w[:i]] && d.words[w[i:]]&(kOrg|kGeneric) != 0 {
				d.words[w] |= kOverlaps
			}
		}
	}
	names := make([]string, 0, len(d.forms)) // what a region chain is read from
	for f := range d.forms {
		names = append(names, f)
	}
	for w, k := range d.words {
		if k&kZone != 0 {
			names = append(names, w)
		}
	}
	for _, f := range names {
		for i := range f {
			if i > 0 && d.words[f[i:]]&(kOrg|kGeneric) != 0 {
				d.words[f[i:]] |= kEndsRegion
			}
		}
	}
}

func (d *dict) addWord(w string, k kind) {
	d.words[w] |= k
	d.maxWord = max(d.maxWord, utf8.RuneCountInString(w))
}

// eachLine calls fn with the tab-separated fields of each line of an
// embedded file, skipping blank lines and # comments.
func eachLine(name string, fn func([]string)) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return // cannot happen for an embedded file; the tests check every list is loaded
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(strings.Split(line, "\t"))
	}
}

// suffix finds the longest word with a kind in mask that ends at rune j of t
// and starts at or after rune lo.
func (d *dict) suffix(t text, lo, j int, mask kind) (start int, k kind, ok bool) {
	if j <= lo {
		return j, 0, false
	}
	ls := d.wordEnds.get(t.at(j - 1))
	for l := min(d.maxWord, j-lo); l >= 1; l-- {
		if !ls.has(l) {
			continue
		}
		if k, found := d.words[t.sub(j-l, j)]; found && k&mask != 0 {
			return j - l, k, true
		}
	}
	return j, 0, false
}

// prefix finds the longest word with a kind in mask that starts at rune i
// and ends at or before rune hi.
func (d *dict) prefix(t text, i, hi int, mask kind) (end int, ok bool) {
	for l := min(d.maxWord, hi-i); l >= 1; l-- {
		if k, found := d.words[t.sub(i, i+l)]; found && k&mask != 0 {
			return i + l, true
		}
	}
	return i, false
}

// covers reports whether t[lo:hi] is, read from the end with longest
// matches, made only of words with kinds in mask.
func (d *dict) covers(t text, lo, hi int, mask kind) bool {
	for hi > lo {
		start, _, ok := d.suffix(t, lo, hi, mask)
		if !ok {
			return false
		}
		hi = start
	}
	return true
}
