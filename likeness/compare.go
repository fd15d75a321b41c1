package likeness

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tide-crm/tide/rules"
)

// Pair is what two profiles have in common: the features likeness.score
// weighs and the reasons, in words, in the order of the features.
type Pair struct {
	Env     rules.LikenessEnv
	Reasons []Reason
}

// Reason is one thing a pair has in common (or, for other_region, does
// not), with a stable code and the words sales support reads.
type Reason struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Holders counts the stored resources of a prefecture city that have a
// key. It lets a rule weigh a trade name that is common in a city (宏达,
// 鑫达) less than a rare one.
type Holders func(k Key, prefecture string) int

// Compare says what a and b have in common; b is a stored resource.
func Compare(a, b Profile, holders Holders) Pair { return compare(a, b, holders, true) }

// compare is Compare, the reasons written only when words is set: a search
// weighs many more pairs (Weigh) than it shows.
func compare(a, b Profile, holders Holders, words bool) Pair {
	var p Pair
	e := &p.Env
	say := func(code string, parts ...string) {
		if words {
			p.Reasons = append(p.Reasons, Reason{code, strings.Join(parts, "")})
		}
	}
	if a.TradeName != "" && b.TradeName != "" {
		e.TradeNameLength = max(utf8.RuneCountInString(a.TradeName), utf8.RuneCountInString(b.TradeName))
		switch {
		case a.TradeName == b.TradeName:
			e.SameTradeName = true
			e.TradeNameHolders = holders(Key{KindTrade, b.TradeName}, b.Prefecture)
			say("same_trade_name", "字号 ", a.TradeName, " 相同")
		case a.Reading != "" && a.Reading == b.Reading:
			e.SamePinyin = true
			e.TradeNameHolders = holders(Key{KindPinyin, a.Reading}, b.Prefecture)
			say("same_pinyin", "字号 ", a.TradeName, " / ", b.TradeName, " 同音（", strings.ReplaceAll(a.Reading, "-", " "), "）")
		case oneApart(a.TradeName, b.TradeName):
			e.OneCharApart = true
			say("one_char_apart", "字号 ", a.TradeName, " / ", b.TradeName, " 只差一字")
		}
	}
	switch {
	case a.Prefecture != "" && a.Prefecture == b.Prefecture:
		e.SameRegion = true
		say("same_region", "同在", city(a.Prefecture))
	case a.Prefecture != "" && b.Prefecture != "":
		e.OtherRegion = true
		say("other_region", "不在一地：", city(a.Prefecture), " / ", city(b.Prefecture))
	}
	switch {
	case a.Industry != "" && a.Industry == b.Industry:
		e.SameIndustry = true
		say("same_industry", "行业 ", a.Industry, " 相同")
	case sharesBigram(a.Industry, b.Industry):
		e.IndustryOverlap = true
		say("industry_overlap", "行业 ", a.Industry, " / ", b.Industry)
	}
	var shared []string
	for _, c := range a.Contacts {
		if slices.Contains(b.Contacts, c) {
			shared = append(shared, c)
		}
	}
	if e.SharedContacts = len(shared); len(shared) > 0 {
		say("shared_contacts", "联系人 ", strings.Join(shared, "、"), " 相同")
	}
	for _, d := range a.Domains {
		if slices.Contains(b.Domains, d) {
			e.SameEmailDomain = true
			say("same_email_domain", "邮箱域名 ", d, " 相同")
			break
		}
	}
	return p
}

// oneApart reports whether a and b differ by one Chinese character: one
// replaced, or one left out of the longer. Digits and letters tell
// numbered companies apart (测速0000123, 测速0000124): changing one is not
// a typing slip.
func oneApart(a, b string) bool {
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if na < nb {
		a, b, na, nb = b, a, nb, na
	}
	i := 0 // the common prefix, in bytes (the same in both)
	for i < len(b) {
		ra, size := utf8.DecodeRuneInString(a[i:])
		if rb, _ := utf8.DecodeRuneInString(b[i:]); ra != rb {
			break
		}
		i += size
	}
	han := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	switch na - nb {
	case 0:
		if i == len(a) {
			return false // equal
		}
		ra, sa := utf8.DecodeRuneInString(a[i:])
		rb, sb := utf8.DecodeRuneInString(b[i:])
		return han(ra) && han(rb) && a[i+sa:] == b[i+sb:]
	case 1:
		ra, sa := utf8.DecodeRuneInString(a[i:])
		return han(ra) && a[i+sa:] == b[i:]
	}
	return false
}

// sharesBigram reports whether two different industries share two
// characters in a row (精密电子 / 电子科技 share 电子).
func sharesBigram(a, b string) bool {
	if b == "" {
		return false
	}
	for i := 0; i < len(a); {
		_, first := utf8.DecodeRuneInString(a[i:])
		if i+first >= len(a) {
			return false
		}
		_, second := utf8.DecodeRuneInString(a[i+first:])
		if strings.Contains(b, a[i:i+first+second]) {
			return true
		}
		i += first
	}
	return false
}

// city is a prefecture's name as said: 苏州市 → 苏州.
func city(prefecture string) string {
	if r := strings.TrimSuffix(prefecture, "市"); utf8.RuneCountInString(r) >= 2 {
		return r
	}
	return prefecture
}
