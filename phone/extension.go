package phone

import (
	"strings"
	"unicode"
)

// maxExtension is the most digits an extension may have. Switchboards in
// China use 2 to 5; a longer run after 转 is more likely a second number
// typed in the wrong place, which is better refused than cut off.
const maxExtension = 6

// extensionMarkers introduce an extension, in folded (lower-case, half-width)
// form. Longer markers come first so "ext." is not read as "ext" and ".".
var extensionMarkers = []string{"extension", "ext.", "ext", "分机号", "分机", "分機號", "分機", "转", "轉", "x", "#", ","}

// splitExtension takes an extension off a folded piece of input:
// "0512-65881234转8001", "… 分机 8001", "… ext. 8001", "… x8001",
// "… #8001", "…,8001", "… (转8001)". A marker counts only after some digits
// ("fax 0512…" has no extension; its letters are refused later). A marker
// followed by something other than digits is left alone when that something
// holds letters, so the letters are reported as such.
func splitExtension(in, text string) (base, ext string, err error) {
	for pos := range text {
		m := markerAt(text, pos)
		if m == "" || !hasDigit(text[:pos]) {
			continue
		}
		rest := strings.TrimLeft(text[pos+len(m):], " :.-(")
		d := leadingDigits(rest)
		junk := strings.Trim(rest[len(d):], " )]#")
		switch {
		case d == "" && junk == "" && (m == "#" || m == ","):
			return text[:pos], "", nil // a stray "#" or "," at the end
		case hasLetter(junk) || (d == "" && hasLetter(rest)):
			return text, "", nil
		case d == "":
			return "", "", newError(KindExtension, in, "%q has the extension marker %q but no extension digits after it", in, m)
		case junk != "":
			return "", "", newError(KindExtension, in, "%q has %q after its extension; an extension is 1 to %d digits", in, junk, maxExtension)
		case len(d) > maxExtension:
			return "", "", newError(KindExtension, in, "%q has an extension of %d digits; an extension is 1 to %d digits, and two numbers are separated with /", in, len(d), maxExtension)
		}
		return text[:pos], d, nil
	}
	return text, "", nil
}

func markerAt(s string, pos int) string {
	for _, m := range extensionMarkers {
		if strings.HasPrefix(s[pos:], m) {
			return m
		}
	}
	return ""
}

// dashExtension splits "0512-65881234-8001" into the number before the last
// dash and the 1 to 6 digits after it. Whether that really is a landline and
// an extension is for the caller to check.
func dashExtension(base string) (number, ext string, ok bool) {
	k := strings.LastIndexByte(base, '-')
	if k <= 0 {
		return "", "", false
	}
	ext = strings.TrimSpace(base[k+1:])
	if len(ext) == 0 || len(ext) > maxExtension || !allDigits(ext) {
		return "", "", false
	}
	return base[:k], ext, true
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func hasDigit(s string) bool { return strings.IndexAny(s, "0123456789") >= 0 }

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }
