package namekey

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/longbridgeapp/opencc"
)

// The key ignores how a name was typed (R3): every variant below of every
// table name must give the table name's key.

// fullWidth writes ASCII letters, digits and punctuation full-width, and
// brackets as （）.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r - '!' + '！'
		}
		return r
	}, s)
}

// halfWidth undoes fullWidth (and so turns （）， into (),).
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			return r - '！' + '!'
		}
		return r
	}, s)
}

// otherBrackets writes round brackets as 【】.
func otherBrackets(s string) string {
	return strings.NewReplacer("（", "【", "）", "】", "(", "【", ")", "】").Replace(s)
}

// sprinkle inserts one of ins after random characters. Between the
// characters of a Chinese name anything may go; an English name only gets
// them next to its existing spaces, since a space inside a word splits it.
func sprinkle(rng *rand.Rand, s string, ins []string) string {
	english := isEnglish(normalize(s, true))
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
		if (!english || unicode.IsSpace(r)) && rng.IntN(2) == 0 {
			b.WriteString(ins[rng.IntN(len(ins))])
		}
	}
	return ins[rng.IntN(len(ins))] + b.String() + ins[rng.IntN(len(ins))]
}

func variants(t *testing.T, rng *rand.Rand, s2t *opencc.OpenCC, name string) map[string]string {
	trad, err := s2t.Convert(name)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"full-width":          fullWidth(name),
		"half-width":          halfWidth(name),
		"other brackets":      otherBrackets(name),
		"spaces":              sprinkle(rng, name, []string{" ", "  ", "\u3000", "\t"}),
		"zero-width":          sprinkle(rng, name, []string{"\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"}),
		"traditional":         trad,
		"traditional + width": fullWidth(trad),
		"upper case":          strings.ToUpper(name),
		"all at once":         sprinkle(rng, fullWidth(strings.ToUpper(trad)), []string{" ", "\u200b"}),
	}
}

func TestKeyIgnoresTyping(t *testing.T) {
	s2t, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range cases {
		for round := 0; round < 3; round++ {
			for what, v := range variants(t, rng, s2t, c.name) {
				if got := Key(v); got != c.key {
					t.Errorf("%s of %q: Key(%q) = %q, want %q", what, c.name, v, got, c.key)
				}
			}
		}
	}
}

// TestKeyIsIdempotent: a key read as a name gives itself back, and the
// normalized name gives the name's key.
func TestKeyIsIdempotent(t *testing.T) {
	for _, c := range cases {
		p := Parse(c.name)
		if k := Key(p.Key); k != p.Key {
			t.Errorf("%q: Key(%q) = %q", c.name, p.Key, k)
		}
		if k := Key(p.Normalized); k != p.Key {
			t.Errorf("%q: Key(Normalized %q) = %q, want %q", c.name, p.Normalized, k, p.Key)
		}
	}
}
