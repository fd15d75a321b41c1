package likeness

import "strings"

// publicDomains are mail services anyone can sign up to: two contacts with
// addresses there share nothing but the provider.
var publicDomains = map[string]bool{
	"qq.com": true, "vip.qq.com": true, "foxmail.com": true,
	"163.com": true, "126.com": true, "yeah.net": true, "vip.163.com": true, "vip.126.com": true, "188.com": true,
	"sina.com": true, "sina.cn": true, "vip.sina.com": true, "sohu.com": true, "tom.com": true,
	"139.com": true, "189.cn": true, "wo.cn": true, "21cn.com": true, "263.net": true,
	"aliyun.com": true, "outlook.com": true, "hotmail.com": true, "live.com": true, "live.cn": true, "msn.com": true,
	"gmail.com": true, "googlemail.com": true, "yahoo.com": true, "yahoo.com.cn": true, "yahoo.cn": true,
	"icloud.com": true, "me.com": true, "mac.com": true, "proton.me": true, "protonmail.com": true,
	"yandex.ru": true, "mail.ru": true, "gmx.com": true, "aol.com": true,
	// Reserved for examples and tests (RFC 2606): placeholders typed for a
	// missing address, or test data; no company's.
	"example.com": true, "example.net": true, "example.org": true,
}

// reservedTLDs are top-level domains no company's mail can be under (RFC
// 2606, RFC 6761).
var reservedTLDs = []string{".example", ".test", ".invalid", ".localhost", ".local"}

// IsPublicDomain reports whether domain is a public mail service (or a
// subdomain of one, vip.163.com), or a domain reserved for examples and
// tests: a mail domain that says nothing of which company it is.
func IsPublicDomain(domain string) bool {
	for _, tld := range reservedTLDs {
		if strings.HasSuffix(domain, tld) {
			return true
		}
	}
	for d := domain; d != ""; {
		if publicDomains[d] {
			return true
		}
		_, rest, ok := strings.Cut(d, ".")
		if !ok || !strings.Contains(rest, ".") {
			return false
		}
		d = rest
	}
	return false
}
