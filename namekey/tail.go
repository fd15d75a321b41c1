package namekey

import "strings"

// stripTail removes organisation forms and generic words from the end of
// t[lo:hi], repeatedly (中心 + 有限公司, 实业 + 发展 + 有限公司), and returns
// where the rest ends. It stops at an industry word, even one that ends like
// an organisation form (酒店 is a trade, not 酒 + 店; 银行 not 银 + 行), and
// it never strips the last word left: 贸易有限公司 keeps 贸易.
func (d *dict) stripTail(t text, lo, hi int) (end int, org, individual bool) {
	outer := true
	for hi > lo {
		start, k, ok := d.suffix(t, lo, hi, kOrg|kGeneric|kIndustry)
		if !ok || k&kIndustry != 0 || start == lo {
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
func (d *dict) peelIndustry(t text, lo, hi int) peeled {
	j := hi
	var ind, gen []string // from the end
	for j > lo {
		start, k, ok := d.suffix(t, lo, j, kIndustry|kGeneric)
		if !ok {
			break
		}
		if k&kIndustry != 0 {
			ind = append(ind, t.sub(start, j))
		} else {
			gen = append(gen, t.sub(start, j))
		}
		j = start
	}
	if j == lo && len(ind) == 0 {
		return peeled{tradeEnd: hi}
	}
	return peeled{tradeEnd: j, industry: joinReversed(ind), dropped: joinReversed(gen), onlyInd: j == lo}
}

func joinReversed(ws []string) string {
	var b strings.Builder
	for i := len(ws) - 1; i >= 0; i-- {
		b.WriteString(ws[i])
	}
	return b.String()
}
