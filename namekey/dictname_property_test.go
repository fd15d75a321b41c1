package namekey

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The fuzzer's strings rarely look like company names, and the table has a
// few hundred; the names below are built from the parser's own lists, so
// that every rule meets every other: regions and zones in front, trade
// names (some of them place names or Latin), industry and generic words,
// organisation forms, branches, and brackets holding regions, markers,
// remarks or other text, anywhere.

// nameParts holds the pieces names are built from, sorted, so that a seed
// always builds the same names.
type nameParts struct {
	regions, zones, industries, generic, forms, branches []string
}

func newNameParts() nameParts {
	d := dicts()
	var np nameParts
	for w, k := range d.words {
		switch {
		case k&kBranch != 0:
			np.branches = append(np.branches, w)
		case k&kOrg != 0:
			np.forms = append(np.forms, w)
		case k&kGeneric != 0:
			np.generic = append(np.generic, w)
		case k&kIndustry != 0:
			np.industries = append(np.industries, w)
		case k&kZone != 0:
			np.zones = append(np.zones, w)
		}
	}
	for f := range d.forms {
		np.regions = append(np.regions, f)
	}
	for _, l := range [][]string{np.regions, np.zones, np.industries, np.generic, np.forms, np.branches} {
		slices.Sort(l)
	}
	return np
}

// tradeChars are characters of real trade names; a few are also the
// start or end of words in the lists (工, 业, 市, 心, 店), on purpose.
var tradeChars = []rune("日东宏达华盛明远恒新天金鹏星长江海龙泰安利源丰润鑫隆工业市心店加中国科")

var remarks = []string{"已合作", "重点客户", "勿动", "vip", "老客户", "2024", "张三跟进", "待定"}

func (np nameParts) name(rng *rand.Rand) string {
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	chance := func(n int) bool { return rng.IntN(n) == 0 }
	open, closing := []string{"（", "(", "【", "["}, []string{"）", ")", "】", "]"}
	bracket := func(s string) string {
		i := rng.IntN(len(open))
		return open[i] + s + closing[i]
	}
	// What a bracket may hold: a region, a marker, a remark, other text.
	inBracket := func() string {
		switch rng.IntN(5) {
		case 0:
			return bracket(pick(np.regions))
		case 1:
			return bracket(pick(np.forms))
		case 2:
			return bracket(pick(np.generic))
		case 3:
			return bracket(pick(remarks))
		default:
			return bracket(pick(np.industries))
		}
	}
	var b strings.Builder
	for range rng.IntN(3) {
		b.WriteString(pick(np.regions))
	}
	if chance(6) {
		b.WriteString(pick(np.zones))
	}
	switch rng.IntN(8) {
	case 0:
		b.WriteString(pick(np.regions)) // a place name as the trade name
	case 1:
		b.WriteString(pick([]string{"abc", "3m", "Sun", "k2"}))
	case 2: // nothing but regions, and maybe a form: 上海市闵行区, 苏州有限公司
		b.WriteString(pick(np.regions))
		if chance(2) {
			b.WriteString(pick(np.forms))
		}
		return b.String()
	default:
		for range 1 + rng.IntN(3) { // the rules want two or more; some have one
			b.WriteRune(tradeChars[rng.IntN(len(tradeChars))])
		}
	}
	if chance(5) {
		b.WriteString(inBracket())
	}
	for range rng.IntN(4) {
		if chance(5) {
			b.WriteString(pick(np.generic))
		} else {
			b.WriteString(pick(np.industries))
		}
	}
	for range rng.IntN(3) {
		if chance(4) {
			b.WriteString(pick(np.generic))
		} else {
			b.WriteString(pick(np.forms))
		}
	}
	if chance(8) {
		b.WriteString(pick(np.regions) + pick(np.branches))
	}
	for range rng.IntN(3) {
		b.WriteString(inBracket())
	}
	if chance(30) {
		b.WriteString(pick(open)) // an unclosed bracket
	}
	return b.String()
}

// TestKeyIsIdempotentOnBuiltNames: a key read as a name gives itself back
// (Key(Key(x)) == Key(x)), and so does the normalized name, for names built
// from the lists. It found 驻马店 (read again: 驻马 + 店), 上海市闵行区 (闵 +
// 行), 商城县 (its short form 商城 is a generic word) and 长外贸海产品 (长海
// + 产品 once 外贸 is dropped).
func TestKeyIsIdempotentOnBuiltNames(t *testing.T) {
	np := newNameParts()
	rng := rand.New(rand.NewPCG(6, 28))
	fails := 0
	for range 20000 {
		name := np.name(rng)
		p := Parse(name)
		if k := Key(p.Key); k != p.Key {
			t.Errorf("%q: key %q, Key(%q) = %q", name, p.Key, p.Key, k)
			fails++
		}
		if k := Key(p.Normalized); k != p.Key {
			t.Errorf("%q: key %q, Key(normalized %q) = %q", name, p.Key, p.Normalized, k)
			fails++
		}
		if fails > 20 {
			t.Fatal("too many failures")
		}
	}
}
