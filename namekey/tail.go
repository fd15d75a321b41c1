package namekey

import "strings"

// stripTail removes organisation forms and generic words from the end of
// t[lo:hi], repeatedly (中心 + 有限公司, 实业 + 发展 + 有限公司), and returns
// where the rest ends. It stops at an industry word, even one that ends like
// an organisation form (酒店 is a trade, not 酒 + 店; 银行 not 银 + 行), and
// it never strips the last word left: 贸易有限公司 keeps 贸易.
//
// Nor does it cut a word in two: the longest form at the end may begin
// inside the word before it. Then a shorter form is taken if it leaves an
// industry word whole (see tailWord), and no form is taken that is the end
// of a division's name at the start (驻马店 is not 驻马 + 店, nor 厦门市 厦 +
// 门市): 驻马店有限公司 and 驻马店市有限公司 share the key 驻马店, which
// read again gives itself back.
func (d *dict) stripTail(t text, lo, hi int) (end int, org, individual bool) {
	outer := true
	for hi > lo {
		start, k, ok := d.tailWord(t, lo, hi)
		if !ok || k&kIndustry != 0 || start == lo || k&kEndsRegion != 0 && d.inLeadingRegion(t, lo, hi, start) {
			break
		}
		org = org || k&kOrg != 0
		if outer && k&kOrg != 0 {
			// The outermost form decides: 商行有限公司 is a company.
			individual, outer = k&kIndividual != 0, false
		}
		hi = start
	}
	return hi, org, individual
}

// tailWord finds the word at the end of t[lo:hi] that stripTail looks at:
// the longest form, generic word or industry word, unless it is a form or
// generic word that begins inside an industry word which a shorter form,
// also ending at hi, leaves whole. Longest match alone reads 机械加工厂 as
// 机械加 + 工厂; the industry is 机械加工 and the form 厂 (also 化工 + 厂,
// 电商 + 行, 阀门 + 店). The longest is kept when an industry word ends
// right before it (光电 + 工厂, not 光 + 电工 + 厂; 五金交电 + 工厂), or
// when no shorter form is left: 机电工贸 is 机电 + 工贸.
func (d *dict) tailWord(t text, lo, hi int) (start int, k kind, ok bool) {
	start, k, ok = d.suffix(t, lo, hi, kOrg|kGeneric|kIndustry)
	if !ok || k&kOverlaps == 0 {
		return start, k, ok
	}
	if _, _, whole := d.suffix(t, lo, start, kIndustry); whole {
		return start, k, ok
	}
	for s := start + 1; s < hi; s++ { // the shorter forms, longest first
		if k2 := d.words[t.sub(s, hi)]; k2&(kOrg|kGeneric) != 0 {
			if w, _, ind := d.suffix(t, lo, s, kIndustry); ind && w < start {
				return s, k2, true
			}
		}
	}
	return start, k, ok
}

// inLeadingRegion reports whether the form t[s:hi] is the end of a
// division's name in the chain of divisions at the start of t[lo:hi]
// (上海 + 闵|行, 驻马|店, 厦|门市), the chain read longest form first. That
// name is then a region or a trade name, whole. A name that ends before hi
// does not count: in 镶黄旗舰店 the form is 旗舰店, not 舰店 after 镶黄旗.
func (d *dict) inLeadingRegion(t text, lo, hi, s int) bool {
	var buf [8]cand
	for prev, i := -1, lo; i < s; {
		next := -1
		for _, c := range d.regionCands(buf[:0], t, i, hi, prev, false) {
			if c.end == hi {
				return true
			}
			if next < 0 {
				next, prev = c.end, c.reg
			}
		}
		if next < 0 {
			return false
		}
		i = next
	}
	return false
}

// peeled is the end of a name split into trade name and industry.
type peeled struct {
	tradeEnd int    // the trade name is t[lo:tradeEnd]
	industry string // the industry words, in order
	dropped  string // generic words found among them, dropped from the key
	onlyInd  bool   // nothing but industry words: no trade name
}

// peelIndustry reads industry words off the end of t[lo:hi], longest match
// first, several in a row (精密 + 电子, 电子 + 科技); generic words among
// them are dropped (汽车销售服务 → 汽车服务). What is left in front is the
// trade name. When the words are all there is (精密机械有限公司), there is no
// trade name; when they are all generic, nothing is peeled (the key must not
// be empty).
//
// stripRegion calls it for every region it tries, and most names have no
// generic word among their industry words: then the industry is the text
// from the trade name's end, and nothing is copied.
func (d *dict) peelIndustry(t text, lo, hi int) peeled {
	j := hi
	ind, gen := false, false
	for j > lo {
		start, k, ok := d.suffix(t, lo, j, kIndustry|kGeneric)
		if !ok {
			break
		}
		ind, gen = ind || k&kIndustry != 0, gen || k&kIndustry == 0
		j = start
	}
	if j == lo && !ind {
		return peeled{tradeEnd: hi}
	}
	pe := peeled{tradeEnd: j, industry: t.sub(j, hi), onlyInd: j == lo}
	if gen {
		pe.industry, pe.dropped = d.splitGeneric(t, lo, j, hi)
	}
	return pe
}

// splitGeneric reads t[j:hi] again as peelIndustry did (the words found
// from lo) and returns its industry words and its generic words, each in
// order.
func (d *dict) splitGeneric(t text, lo, j, hi int) (industry, generic string) {
	type word struct {
		start, end int
		industry   bool
	}
	var buf [16]word
	words := buf[:0] // from the end
	for e := hi; e > j; {
		start, k, _ := d.suffix(t, lo, e, kIndustry|kGeneric)
		words = append(words, word{start, e, k&kIndustry != 0})
		e = start
	}
	// The words are copied, not kept as substrings: a substring of t would
	// make t, and the buffer its callers keep on the stack, escape.
	var ind, gen strings.Builder
	for i := len(words) - 1; i >= 0; i-- {
		if w := words[i]; w.industry {
			ind.WriteString(t.sub(w.start, w.end))
		} else {
			gen.WriteString(t.sub(w.start, w.end))
		}
	}
	return ind.String(), gen.String()
}
