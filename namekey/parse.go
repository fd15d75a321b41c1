package namekey

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Parts is a company name split by the company-key rule (R3).
type Parts struct {
	Input      string   // the name as given
	Normalized string   // NFKC, look-alikes folded, no whitespace or invisible characters, simplified, lower case, brackets as ( ); English names keep single spaces between words
	Region     string   // the administrative region(s) found, leading chain and bracketed ones joined by "/"; "" if none
	TradeName  string   // 字号
	Industry   string   // 行业, "" if none was recognised
	OrgForm    string   // 组织形式 and the generic words dropped, in name order: "中心有限公司"
	Remark     string   // bracketed text after the organisation form, cut as a remark: "已合作"; several joined by "/"
	Branch     string   // the branch suffix cut off, "上海分公司"; "" if the name is not a branch's
	Key        string   // TradeName + Industry, letters and digits only; empty only when the name has no letters or digits (read after NFKC)
	Flags      []string // doubtful things, sorted; see the Flag constants
}

// Key returns the company key of name: Parse(name).Key. A key read as a
// name gives itself back: Key(Key(name)) == Key(name).
func Key(name string) string { return Parse(name).Key }

// Parse splits a company name into region, trade name, industry and
// organisation form, and derives its key. It never panics and does no I/O.
func Parse(name string) Parts {
	d := dicts()
	p := Parts{Input: name}
	var flagBuf [16]string // the flags, on the stack until the end
	flags := flagBuf[:0]
	spaced := normalize(name, true)
	english := false
	if isEnglish(spaced) {
		flags, english = d.parseEnglish(&p, spaced, flags)
	}
	if english {
		p.Normalized = spaced
	} else {
		p.Normalized = strings.ReplaceAll(spaced, " ", "")
		if p.Normalized != spaced && !norm.NFKC.IsNormalString(p.Normalized) {
			// A removed space let combining marks reach a letter (A ΅).
			p.Normalized = normalize(p.Normalized, false)
		}
		flags = d.parseChinese(&p, flags)
	}
	if mixedScripts(p.Normalized) {
		flags = append(flags, FlagMixedScripts)
	}
	if p.Key == "" {
		// Nothing else can be said about a name without letters or digits,
		// but that its letters may have been past the cut.
		truncated := slices.Contains(flags, FlagTruncated)
		flags = append(flags[:0], FlagEmpty)
		if truncated {
			flags = append(flags, FlagTruncated)
		}
	}
	if len(flags) > 0 {
		slices.Sort(flags)
		p.Flags = slices.Clone(flags)
	}
	return p
}

// parseChinese applies the rule in the order of the package documentation:
// brackets, branch, organisation forms, region, industry. It appends the
// name's flags to flags.
func (d *dict) parseChinese(p *Parts, flags []string) []string {
	src, cut := firstRunes(parseRunes(p.Normalized), maxInput)
	if cut {
		flags = append(flags, FlagTruncated)
	}
	br := d.unbracket(src)
	// The parts below are cut from t, and so make it escape (see textBuf):
	// its buffer comes from a pool rather than the stack.
	buf := bodyBufs.Get().(*textBuf)
	defer bodyBufs.Put(buf)
	t := newText(br.body, buf)
	hi := t.n()
	if end, ok := d.cutBranch(t, hi); ok {
		p.Branch, hi = t.sub(end, hi), end
	}
	core, org, individual := d.stripTail(t, 0, hi)
	lo := d.stripRegion(t, core)
	pe := d.peelIndustry(t, lo, core)
	raw := t.sub(lo, pe.tradeEnd)
	p.TradeName = d.shortTrade(raw)
	if (p.TradeName != raw || pe.dropped != "") && !d.readsAs(p.TradeName, pe.industry) {
		// A division written short (龙门县市 → 龙门市, 商城县 → 商城) or
		// generic words dropped from between two words (长 + 外贸 + 海产品)
		// made text that reads otherwise (龙 + 门市; 商城, a generic word;
		// 长海, a county, + 产品). The name's own text is the key then, or
		// the key read again would not give itself back.
		p.TradeName, pe.industry, pe.dropped = raw, t.sub(pe.tradeEnd, core), ""
	}

	p.Region = t.sub(0, lo)
	if len(br.regions) > 0 {
		p.Region = strings.Join(append(nonEmpty(p.Region), br.regions...), "/")
	}
	p.Industry = pe.industry
	p.OrgForm = br.forms + pe.dropped + t.sub(core, hi)
	p.Remark = strings.Join(br.remarks, "/")
	p.Key = canon(concatIn(t.sub(lo, core), p.TradeName, p.Industry))

	flag := func(cond bool, f string) {
		if cond {
			flags = append(flags, f)
		}
	}
	var tradeBuf textBuf
	trade := newText(p.TradeName, &tradeBuf)
	onlyRegion := p.Industry == "" && d.regionChain(trade, 0, trade.n())
	flag(p.Industry == "", FlagNoIndustry)
	flag(pe.onlyInd, FlagNoTradeName)
	flag(onlyRegion, FlagOnlyRegion)
	flag(!onlyRegion && d.startsWithRegion(trade, 0, trade.n()), FlagKeyIsRegionWord)
	flag(p.TradeName != "" && d.covers(trade, 0, trade.n(), kOrg|kGeneric), FlagKeyIsGenericWord)
	flag(individual, FlagIndividual)
	flag(!org && !br.org && p.Branch == "", FlagUnknownOrgForm)
	flag(br.kept, FlagBracketKept)
	flag(p.Remark != "", FlagRemark)
	flag(br.unbalanced, FlagUnbalancedBracket)
	return flags
}

// concatIn returns a + b. Most often the two stand side by side in the
// name, as whole; then whole is given back and nothing is copied.
func concatIn(whole, a, b string) string {
	if len(a)+len(b) == len(whole) && strings.HasPrefix(whole, a) && strings.HasSuffix(whole, b) {
		return whole
	}
	return a + b
}

// stripRegion reads the region chain at the start of t[:hi] (江苏省苏州市吴中区,
// 苏州工业园区, 上海浦东) and returns where the trade name starts. A division
// is not stripped when what would follow it has no trade name of at least
// minTrade characters in front of its industry words: in 黄山精密机械 the
// city 黄山 is the trade name, and 广州白云山医药 is not 广州白云 + 山医药.
func (d *dict) stripRegion(t text, hi int) int {
	var buf [8]cand
	prev, i := -1, 0
	for {
		next := -1
		for _, c := range d.regionCands(buf[:0], t, i, hi, prev, false) {
			if pe := d.peelIndustry(t, c.end, hi); !pe.onlyInd && pe.tradeEnd-c.end >= minTrade {
				next, prev = c.end, c.reg
				break
			}
		}
		if next < 0 {
			return i
		}
		i = next
	}
}

// readsAs reports whether trade + industry, read again as a name, loses
// nothing to the tail or the region and splits into the same trade name
// and industry words.
func (d *dict) readsAs(trade, industry string) bool {
	var buf textBuf
	t := newText(trade+industry, &buf)
	end, _, _ := d.stripTail(t, 0, t.n())
	lo := d.stripRegion(t, end)
	pe := d.peelIndustry(t, lo, end)
	return end == t.n() && lo == 0 && t.sub(0, pe.tradeEnd) == trade && pe.industry == industry
}

// minTrade is the shortest trade name: 企业名称登记管理规定 (2020) requires a
// trade name of two or more Chinese characters.
const minTrade = 2

// maxInput bounds the characters of a name that are parsed. Reading the
// region chain costs time quadratic in the length in the worst case (a
// thousand regions before a thousand industry words); real names have a few
// dozen characters, and the API takes at most 200.
const maxInput = 1024

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
