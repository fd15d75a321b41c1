package likeness

import (
	"unicode"
	"unicode/utf8"
)

// Kinds of keys.
const (
	KindTrade   = "trade"
	KindPinyin  = "pinyin"
	KindMask    = "mask"
	KindDel     = "del"
	KindContact = "contact"
	KindDomain  = "domain"
)

// Key is one entry of the likeness index.
type Key struct {
	Kind, Value string
}

// minMasked is the shortest trade name that gets mask and del keys.
const minMasked = 3

// Keys returns the entries a resource is stored under, without repeats.
func Keys(p Profile) []Key {
	var ks []Key
	add := func(kind, v string) {
		k := Key{kind, v}
		for _, o := range ks {
			if o == k {
				return
			}
		}
		ks = append(ks, k)
	}
	if t := p.TradeName; t != "" {
		add(KindTrade, t)
		if p.Reading != "" {
			add(KindPinyin, p.Reading)
		}
		if utf8.RuneCountInString(t) >= minMasked {
			rs := []rune(t)
			for i, r := range rs {
				if !unicode.Is(unicode.Han, r) {
					continue // 测速0000123 and 测速0000124 are numbered, not mistyped
				}
				add(KindMask, string(rs[:i])+"*"+string(rs[i+1:]))
				add(KindDel, string(rs[:i])+string(rs[i+1:]))
			}
		}
	}
	if p.Prefecture != "" {
		for _, c := range p.Contacts {
			add(KindContact, p.Prefecture+"|"+c)
		}
	}
	for _, d := range p.Domains {
		add(KindDomain, d)
	}
	return ks
}

// Probes returns the entries a search for p looks up: its own keys, and
// across kinds for a character left out on either side — p's del keys
// against stored trade names (日东新 finds 日东) and p's trade name against
// stored del keys (日东 finds 日东新).
func Probes(p Profile) []Key {
	ks := Keys(p)
	out := make([]Key, 0, len(ks)+4)
	for _, k := range ks {
		switch k.Kind {
		case KindDel:
			out = append(out, Key{KindTrade, k.Value})
		case KindTrade:
			out = append(out, k, Key{KindDel, k.Value})
		default:
			out = append(out, k)
		}
	}
	return out
}

// KeysVersion is the version of Keys and of what a key carries (Sketch).
// Raise it when either changes: every stored resource is then keyed again
// (store.KeyLikeness). 2: keys carry the trade name, industry and contacts;
// 3: a city's name alone (西安, 中山) gives its prefecture.
const KeysVersion = 3
