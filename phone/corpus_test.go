package phone

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// The generated corpus the fast path is compared with the full path on:
// numbers of every mobile prefix and every area code, each dressed in many
// ways. Valid and invalid numbers alike: a number the full path refuses
// must not be read by the fast path either.

// corpusNumber is a Chinese national number and where its area code ends
// (0 for a mobile or a 400/800 number).
type corpusNumber struct {
	nat  string
	area int
}

// corpusNumbers: one random number under every five-digit prefix 13000 …
// 19999 (every mobile prefix there is, and the gaps between them), under
// every area code of data/areacodes.tsv with 7- and 8-digit local numbers
// starting with each digit, and under 400x and 800x.
func corpusNumbers(r *rand.Rand) []corpusNumber {
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	var out []corpusNumber
	for p := 13000; p <= 19999; p++ {
		out = append(out, corpusNumber{nat: fmt.Sprint(p) + digits(6)})
	}
	codes := make([]string, 0, len(areaTab().byCode))
	for code := range areaTab().byCode {
		codes = append(codes, code)
	}
	slices.Sort(codes) // a fixed order, so a seed is one corpus
	for _, code := range codes {
		for _, l := range []int{7, 8} {
			for first := '0'; first <= '9'; first++ {
				out = append(out, corpusNumber{nat: code + string(first) + digits(l-1), area: len(code)})
			}
		}
	}
	for _, p := range []string{"400", "800"} {
		for d := 0; d < 100; d++ {
			out = append(out, corpusNumber{nat: p + fmt.Sprintf("%02d", d) + digits(5)})
		}
	}
	return out
}

// The ways of dressing a number. A dressing of number i picks one of each
// list by rotation, so that across the corpus every value of every list
// meets every other list's values on every kind of number.
var (
	dressPrefixes = []string{"", "+86", "+86 ", "+86-", "0086", "0086 ", "0086-", "(+86)", "(+86) ", "086-",
		"86", "86-", "+86 (0)", "+86 0", "0086-0", "＋８６ "}
	dressSeps     = []string{"", " ", "-", ".", "－", "　", "—", "–", " - ", "  ", "\t"}
	dressBrackets = [][2]string{{"", ""}, {"(", ")"}, {"（", "）"}, {"[", "]"}, {"(", ") "}, {"(", ")-"}}
	dressExts     = []string{"", "转%s", " 转 %s", "转 %s", "-%s", "分机%s", "分机号：%s", "分机 %s", "ext %s",
		"ext.%s", "EXT. %s", "Ext: %s", "x%s", " X %s", "#%s", ",%s", "，%s", ", %s", "(转%s)", "（转%s）",
		"轉%s", "分機%s", "分機號%s", "extension %s", " ext-%s", "", ""}
	dressPads = []string{"", " ", "  ", "\t", "　", " \u00a0"}
)

// dressings is how many ways each corpus number is written.
const dressings = 16

// dressed writes number n in its j-th way.
func dressed(r *rand.Rand, n corpusNumber, i, j int) string {
	prefix := dressPrefixes[(i+j)%len(dressPrefixes)]
	sep := dressSeps[(i*5+j*3)%len(dressSeps)]
	br := dressBrackets[(i/7+j)%len(dressBrackets)]
	ext := dressExts[(i*3+j)%len(dressExts)]
	pad := dressPads[(i+j*11)%len(dressPads)]
	width := (i/3 + j*7) % 3

	var groups []string
	nat := n.nat
	switch {
	case n.area > 0:
		area, local := nat[:n.area], nat[n.area:]
		if prefix == "" {
			area = "0" + area
		}
		groups = append(groups, br[0]+area+br[1])
		if (i+j)%2 == 0 {
			groups = append(groups, local)
		} else {
			groups = append(groups, local[:len(local)-4], local[len(local)-4:])
		}
	case (i+j)%3 == 0:
		groups = []string{nat}
	case (i+j)%3 == 1:
		groups = []string{nat[:3], nat[3 : len(nat)-4], nat[len(nat)-4:]}
	default:
		groups = []string{nat[:3], nat[3:]}
	}
	var b strings.Builder
	b.WriteString(pad)
	b.WriteString(prefix)
	for k, g := range groups {
		if k > 0 && !strings.HasSuffix(groups[k-1], ") ") && !strings.HasSuffix(groups[k-1], ")-") {
			b.WriteString(sep)
		}
		b.WriteString(g)
	}
	if ext != "" {
		extDigits := fmt.Sprintf("%06d", r.IntN(1_000_000))[:1+r.IntN(6)]
		b.WriteString(strings.Replace(ext, "%s", extDigits, 1))
	}
	b.WriteString(pad)
	return widen(b.String(), width)
}

// widen turns none (0), the digits (1) or every ASCII character (2) of s
// full width.
func widen(s string, width int) string {
	if width == 0 {
		return s
	}
	out := []rune(s)
	for k, c := range out {
		if (c >= '0' && c <= '9') || (width == 2 && c > ' ' && c < 0x7f) {
			out[k] = c + 0xFEE0
		}
	}
	return string(out)
}

// corpusInput is one generated input, and whether the number it dresses is
// one the full path reads when written plainly.
type corpusInput struct {
	in    string
	valid bool
}

// corpus returns the generated inputs.
func corpus() []corpusInput {
	r := rand.New(rand.NewPCG(20261203, 86))
	var out []corpusInput
	for i, n := range corpusNumbers(r) {
		national := n.nat
		if n.area > 0 {
			national = "0" + national
		}
		_, err := parseFull(national, "")
		for j := range dressings {
			out = append(out, corpusInput{dressed(r, n, i, j), err == nil})
		}
		// and the ways TestKeyIsStable dresses numbers
		out = append(out, corpusInput{dress(r, national, n.area), err == nil})
	}
	return out
}
