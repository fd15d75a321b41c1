package namekey

import (
	"strings"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// OpenCC's Convert, done with Go maps instead of its tries (see t2s.go).
// Convert runs each group of dictionaries in turn over the whole text. In
// a group, at each character, it takes from the first dictionary that has
// any entry matching there the longest such entry, within a window of
// convertWindow characters, writes the entry's first value, and goes on
// after it; where nothing matches it writes the character as it is.
// TestT2STablesMatchConvert holds the two to the same results.

// convertWindow is how many characters Convert looks ahead (its preOffset).
const convertWindow = 10

// t2sGroup is one group of dictionaries, searched in order.
type t2sGroup []t2sDict

// t2sDict is one dictionary: entry → its first value.
type t2sDict struct {
	words  map[string]string
	starts lenSet // the lengths of the entries, by first character
	maxLen int    // the longest entry, in characters
}

// readT2S copies the tables of cc into maps. It returns nil, leaving the
// conversion to cc, when the tables are not as this relies on: no entries,
// an entry without a value, an empty entry.
func readT2S(cc *opencc.OpenCC) []t2sGroup {
	var tabs []t2sGroup
	for _, g := range cc.DictChains {
		var group t2sGroup
		for _, d := range g.Dicts {
			if d == nil || d.Trie == nil {
				return nil
			}
			td := t2sDict{words: map[string]string{}, starts: newLenSet()}
			for _, id := range d.Trie.PrefixPredict(nil, 0) {
				k, err := d.Trie.Key(id)
				v, err2 := d.Trie.Value(id)
				if err != nil || err2 != nil || len(k) == 0 || !utf8.Valid(k) || v < 0 || v >= len(d.Values) || len(d.Values[v]) == 0 {
					return nil
				}
				r, _ := utf8.DecodeRune(k)
				n := utf8.RuneCount(k)
				td.words[string(k)] = d.Values[v][0]
				td.starts.add(r, n)
				td.maxLen = max(td.maxLen, n)
			}
			if len(td.words) == 0 {
				return nil
			}
			group = append(group, td)
		}
		tabs = append(tabs, group)
	}
	return tabs
}

// convert converts s with the tables, or with Convert itself when they
// could not be read or s is not valid UTF-8 (Convert reads it as runes).
func convert(s string) string {
	if t2sTabs == nil || !utf8.ValidString(s) {
		return convertOpenCC(s)
	}
	for _, g := range t2sTabs {
		s = g.convert(s)
	}
	return s
}

func (g t2sGroup) convert(s string) string {
	var buf textBuf
	t := newText(s, &buf)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < t.n(); {
		word, n := g.match(t, i)
		if n == 0 {
			word, n = t.sub(i, i+1), 1
		}
		b.WriteString(word)
		i += n
	}
	return b.String()
}

// match returns the value of the entry Convert takes at rune i of t, and
// the entry's length; 0 if none matches.
func (g t2sGroup) match(t text, i int) (string, int) {
	for _, d := range g {
		starts := d.starts.get(t.at(i))
		for l := min(d.maxLen, convertWindow, t.n()-i); l >= 1; l-- {
			if !starts.has(l) {
				continue
			}
			if v, ok := d.words[t.sub(i, i+l)]; ok {
				return v, l
			}
		}
	}
	return "", 0
}

// convertOpenCC is the port's own Convert, with a panic recovered.
func convertOpenCC(s string) (out string) {
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
