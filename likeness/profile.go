package likeness

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tide-crm/tide/namekey"
)

// Profile is what likeness reads of one resource, or of a search.
type Profile struct {
	ID         int64  // the resource; 0 for a search
	Name       string // as entered
	TradeName  string // 字号; "" when the name has none that can be compared (see New)
	Reading    string // the trade name's toneless pinyin (日东 → ri-dong); "" when it has none
	Industry   string // 行业, "" if none was recognised
	Prefecture string // the prefecture city of the region (namekey.Prefecture), "" if unknown
	Contacts   []string
	Domains    []string // mail domains of its contacts, public services left out
}

// New builds the profile of a resource: its name as parsed, the region as
// entered (the name's own region when that gives no city), the names of
// its contacts and their mail addresses. A trade name that is only a
// region, a generic word or an industry word, or shorter than two
// characters, is not compared: it says nothing about which company it is.
func New(id int64, name string, parts namekey.Parts, region string, contacts, emails []string) Profile {
	p := Profile{ID: id, Name: name, Industry: parts.Industry}
	if tradeUsable(parts) {
		p.TradeName = parts.TradeName
		p.Reading = reading(p.TradeName) // once: go-pinyin takes tens of µs a name
	}
	p.Prefecture = namekey.Prefecture(region)
	if p.Prefecture == "" && parts.Region != "" {
		p.Prefecture = namekey.Prefecture(parts.Region)
	}
	for _, c := range contacts {
		if c = personName(c); c != "" && !slices.Contains(p.Contacts, c) {
			p.Contacts = append(p.Contacts, c)
		}
	}
	for _, e := range emails {
		if d := Domain(e); d != "" && !IsPublicDomain(d) && !slices.Contains(p.Domains, d) {
			p.Domains = append(p.Domains, d)
		}
	}
	return p
}

func tradeUsable(parts namekey.Parts) bool {
	for _, f := range parts.Flags {
		switch f {
		case namekey.FlagEmpty, namekey.FlagNoTradeName, namekey.FlagOnlyRegion, namekey.FlagKeyIsGenericWord:
			return false
		}
	}
	return utf8.RuneCountInString(parts.TradeName) >= 2
}

// personName is a contact's name as compared: NFKC, without spaces and
// dots (张 伟, 张·伟), lower case. Names of one character are dropped:
// a surname alone (王) names nobody; nor does a surname with a title
// (王经理, 李总, 张先生), which half the floor types for a contact.
func personName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '·' || r == '.' || r == '•' {
			return -1
		}
		return unicode.ToLower(r)
	}, norm.NFKC.String(s))
	n := utf8.RuneCountInString(s)
	if n < 2 {
		return ""
	}
	for _, title := range titles {
		if strings.HasSuffix(s, title) && n-utf8.RuneCountInString(title) <= 1 {
			return ""
		}
	}
	return s
}

// titles are what follows a surname when the name is not known.
var titles = []string{"经理", "总经理", "总监", "主管", "主任", "总", "董", "老板", "先生", "女士", "小姐", "厂长", "老师", "工", "助理", "会计", "采购"}

// Domain is the host part of a mail address, lower case, without a
// leading "mail." or "www."; "" when the address has none.
func Domain(email string) string {
	_, host, ok := strings.Cut(strings.TrimSpace(email), "@")
	if !ok || host == "" || strings.Contains(host, "@") {
		return ""
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if !strings.Contains(host, ".") {
		return ""
	}
	for _, p := range []string{"mail.", "www."} {
		if rest, ok := strings.CutPrefix(host, p); ok && strings.Contains(rest, ".") {
			host = rest
		}
	}
	return host
}
