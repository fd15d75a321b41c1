package phone

import "strings"

const (
	maxInput  = 512 // bytes in one field: a handful of numbers, with room for notes on extensions
	maxTokens = 8   // space-separated groups tried as several numbers; bounds the search
	minDigits = 7   // the shortest local number
	maxDigits = 17  // "00" and the 15 digits of the longest E.164 number
)

// Parse reads everything a person typed in one number field. region is the
// resource's region as free text (e.g. "苏州", "江苏省苏州市", "Suzhou", ""
// when unknown); it supplies the area code of a bare local number. One field
// may hold several numbers: "0512-65881234/65881235" is two numbers (the
// second shares the first's area code), "138 0013 8000，139 0000 0000" two
// mobiles.
//
// Numbers come back in the order typed, each (E164, Extension) once. The
// error, an *Error, names the first piece that could not be read.
//
// The shapes typed most (one mobile, one number with its area code) are read
// by fastParse without libphonenumber's regular expressions, with the same
// result; everything else goes the full way, parseFull.
func Parse(input, region string) ([]Number, error) {
	if n, ok := fastParse(input); ok {
		return []Number{n}, nil
	}
	return parseFull(input, region)
}

// parseFull is Parse through libphonenumber: the reference the fast path is
// tested against.
func parseFull(input, region string) ([]Number, error) {
	if len(input) > maxInput {
		return nil, newError(KindTooLong, input, "the number field is too long (%d bytes, at most %d); it should hold a few numbers, not a text", len(input), maxInput)
	}
	p := parser{f: fold(input), region: region}
	spans := split(&p.f)
	if len(spans) == 0 {
		return nil, newError(KindEmpty, input, "the number is empty")
	}
	var out []Number
	var prev *parsed
	for _, s := range spans {
		ns, err := p.piece(s, prev)
		if err != nil {
			return nil, err
		}
		for k := range ns {
			if !hasNumber(out, ns[k].Number) {
				out = append(out, ns[k].Number)
			}
			prev = &ns[k]
		}
	}
	return out, nil
}

func hasNumber(ns []Number, n Number) bool {
	for _, m := range ns {
		if m.E164 == n.E164 && m.Extension == n.Extension {
			return true
		}
	}
	return false
}

// parser reads the pieces of one field.
type parser struct {
	f      folded
	region string
	// The region's area code, looked up once per field and only when a bare
	// local number needs it.
	regionDone bool
	regionArea *area
	regionWhy  Phrase
}

// parsed is a Number with what a following piece of the same field may
// borrow from it.
type parsed struct {
	Number
	cc  int    // country calling code
	nat string // national significant number: "51265881234"
	ndc int    // Chinese numbers: length of the area or network code: 3 for 512, 2 for 10, 3 for 138
}

// piece reads one separated piece of a field, which may continue the number
// before it (a short suffix, a second extension), be one number, or be
// several numbers separated by spaces.
func (p *parser) piece(s span, prev *parsed) ([]parsed, error) {
	if n, ok, err := p.continuation(s, prev); ok {
		if err != nil {
			return nil, err
		}
		return []parsed{n}, nil
	}
	n, err := p.one(s.i, s.j, prev)
	if err == nil {
		return []parsed{n}, nil
	}
	toks := tokens(&p.f, s.i, s.j)
	if len(toks) < 2 || len(toks) > maxTokens {
		return nil, err
	}
	if ns, ok := p.spaced(toks, prev, true); ok {
		return ns, nil
	}
	return nil, p.spacedError(toks, prev, err)
}

// continuation reads a piece after "/" or "、" that only makes sense with
// the number before it: as many digits as that number's extension are a
// second extension ("0512-65881234转8001/8002"); fewer digits than its
// subscriber number replace that many trailing digits ("0512-65881234/5" is
// 65881235). ok is false when the piece is not such a continuation.
func (p *parser) continuation(s span, prev *parsed) (n parsed, ok bool, err error) {
	if prev == nil || prev.cc != 86 || (s.sep != '/' && s.sep != '\\' && s.sep != '|' && s.sep != '、') {
		return parsed{}, false, nil
	}
	d := p.f.text(s.i, s.j)
	if !allDigits(d) {
		return parsed{}, false, nil
	}
	in := p.f.source(s.i, s.j)
	if prev.Extension != "" && len(d) == len(prev.Extension) {
		n = *prev
		n.Input, n.Extension = in, d
		return n, true, nil
	}
	if sub := len(prev.nat) - prev.ndc; len(d) < sub {
		n, err = p.chinese(in, prev.nat[:len(prev.nat)-len(d)]+d, true, "", nil)
		return n, true, err
	}
	return parsed{}, false, nil
}

// one reads the folded runes [i, j) as a single number with an optional
// extension.
func (p *parser) one(i, j int, prev *parsed) (parsed, error) {
	in := p.f.source(i, j)
	base, ext, err := splitExtension(in, p.f.text(i, j))
	if err != nil {
		return parsed{}, err
	}
	n, err := p.number(in, base, ext, prev)
	if err == nil || ext != "" {
		return n, err
	}
	// "0512-65881234-8001": an extension after a dash, but only after a
	// complete landline or 400/800 number; a mobile has no switchboard.
	if num, dext, ok := dashExtension(base); ok {
		m, err2 := p.number(in, num, dext, prev)
		switch {
		case err2 != nil:
		case m.Line == LineMobile:
			return parsed{}, newError(KindExtension, in, "%q: a mobile number has no extension; if %s belongs to another number, separate the numbers with /", in, dext)
		default:
			return m, nil
		}
	}
	return n, err
}

// number reads a number without its extension: checks its characters, then
// reads the country code or trunk prefix.
func (p *parser) number(in, base, ext string, prev *parsed) (parsed, error) {
	if err := checkChars(in, base); err != nil {
		return parsed{}, err
	}
	plus := strings.HasPrefix(strings.TrimLeft(base, " ([-."), "+")
	d := digitsOf(base)
	switch {
	case len(d) < minDigits:
		return parsed{}, newError(KindTooShort, in, "%q is too short to be a phone number", in)
	case len(d) > maxDigits:
		return parsed{}, tooLong(in)
	case plus:
		return p.international(in, d, ext)
	case strings.HasPrefix(d, "00"): // 0086 …, 001 …
		return p.international(in, d[2:], ext)
	case strings.HasPrefix(d, "086"): // 086-512-…: no area code starts with 86
		return p.chinese(in, strings.TrimPrefix(d[3:], "0"), true, ext, nil)
	case d[0] == '0': // the trunk prefix before an area code
		return p.chinese(in, d[1:], true, ext, nil)
	case strings.HasPrefix(d, "86") && len(d) >= 12: // 86-512-…, 8613800138000: more digits than any national number
		return p.chinese(in, strings.TrimPrefix(d[2:], "0"), true, ext, nil)
	}
	return p.chinese(in, d, false, ext, prev)
}
