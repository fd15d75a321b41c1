package phone

// span is the folded runes [i, j) of one piece of a field, with the
// separator that came before it (0 for the first piece).
type span struct {
	i, j int
	sep  rune
}

// isSeparator reports the characters that separate numbers in one field:
// "0512-65881234/65881235", "138 0013 8000，139 0000 0000", "…；…", "…、…".
// Full-width forms arrive here folded to these.
func isSeparator(r rune) bool {
	switch r {
	case '/', '\\', '|', '、', ',', ';', '\n', '\r':
		return true
	}
	return false
}

// split cuts a field at its separators, dropping empty pieces. A comma
// followed by no more than maxExtension digits is not a separator but an
// extension marker ("0512-65881234,8001"), so that piece stays with the one
// before it.
func split(f *folded) []span {
	var out []span
	start, sep := 0, rune(0)
	flush := func(end int) {
		i, j := trimSpan(f, start, end)
		if i >= j {
			return
		}
		if sep == ',' && len(out) > 0 && j-i <= maxExtension && allDigits(f.text(i, j)) {
			out[len(out)-1].j = j
			return
		}
		out = append(out, span{i: i, j: j, sep: sep})
	}
	for k, r := range f.runes {
		if isSeparator(r) {
			flush(k)
			start, sep = k+1, r
		}
	}
	flush(len(f.runes))
	return out
}

// tokens cuts [i, j) at spaces, for a piece that may hold several numbers
// written one after the other: "13800138000 13900000000".
func tokens(f *folded, i, j int) []span {
	var out []span
	start := -1
	for k := i; k < j; k++ {
		if f.runes[k] == ' ' {
			if start >= 0 {
				out = append(out, span{i: start, j: k, sep: ' '})
				start = -1
			}
		} else if start < 0 {
			start = k
		}
	}
	if start >= 0 {
		out = append(out, span{i: start, j: j, sep: ' '})
	}
	return out
}

func trimSpan(f *folded, i, j int) (int, int) {
	for i < j && f.runes[i] == ' ' {
		i++
	}
	for j > i && f.runes[j-1] == ' ' {
		j--
	}
	return i, j
}

// spaced finds the numbers in space-separated groups, preferring the longest
// first number: "138 0013 8000 139 0000 0000" is two mobiles, and
// "0512 6588 1234" one landline. The whole run was already tried when top
// is set.
func (p *parser) spaced(toks []span, prev *parsed, top bool) ([]parsed, bool) {
	n := len(toks)
	if top {
		n--
	}
	for ; n >= 1; n-- {
		first, err := p.one(toks[0].i, toks[n-1].j, prev)
		if err != nil {
			continue
		}
		if n == len(toks) {
			return []parsed{first}, true
		}
		if rest, ok := p.spaced(toks[n:], &first, false); ok {
			return append([]parsed{first}, rest...), true
		}
	}
	return nil, false
}

// spacedError explains a piece that is neither one number nor several:
// digits after a complete number are not an extension unless marked.
func (p *parser) spacedError(toks []span, prev *parsed, whole error) error {
	for n := len(toks) - 1; n >= 1; n-- {
		if _, err := p.one(toks[0].i, toks[n-1].j, prev); err != nil {
			continue
		}
		rest := p.f.text(toks[n].i, toks[len(toks)-1].j)
		if len(rest) <= maxExtension && allDigits(rest) {
			in := p.f.source(toks[0].i, toks[len(toks)-1].j)
			return newError(KindExtension, in, "%q: the %s after the number is not a number of its own; write an extension as 转%s or ext %s, and separate two numbers with /", in, rest, rest, rest)
		}
		break
	}
	return whole
}
