package phone

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestKeyIsStable: however a number is dressed up — spaces, dashes, dots and
// brackets between its digits, full-width characters, +86 or 0086 in front —
// its key stays the same (R4).
func TestKeyIsStable(t *testing.T) {
	numbers := []struct {
		national string // as dialled inside China, trunk 0 included for landlines
		area     int    // digits of the area code after the trunk 0, 0 when none
		e164     string
	}{
		{"051265881234", 3, "+8651265881234"},
		{"01062345678", 2, "+861062345678"},
		{"02161234567", 2, "+862161234567"},
		{"03101234567", 3, "+863101234567"}, // a 7-digit local number
		{"13800138000", 0, "+8613800138000"},
		{"19912345678", 0, "+8619912345678"},
		{"4008123456", 0, "+864008123456"},
		{"8008108888", 0, "+868008108888"},
	}
	r := rand.New(rand.NewPCG(4, 86))
	for _, n := range numbers {
		for range 300 {
			in := dress(r, n.national, n.area)
			got, err := Parse(in, "")
			if err != nil || len(got) != 1 || got[0].E164 != n.e164 || got[0].Extension != "" {
				t.Errorf("Parse(%q) = %+v, %v; want %s", in, got, err, n.e164)
			}
		}
	}
}

// dress writes national the way a person might.
func dress(r *rand.Rand, national string, area int) string {
	digits := national
	trunk := strings.HasPrefix(national, "0")
	prefix := ""
	switch r.IntN(6) {
	case 1:
		prefix = "+86"
	case 2:
		prefix = "0086"
	case 3:
		prefix = "086"
	case 4:
		prefix = "+86 (0)"
	}
	if prefix != "" && trunk { // the country code replaces the trunk 0; "(0)" stands for it
		digits = digits[1:]
	}
	if prefix != "" && !trunk && strings.HasSuffix(prefix, "(0)") {
		prefix = "+86"
	}
	var b strings.Builder
	b.WriteString(prefix)
	if prefix != "" && r.IntN(2) == 0 {
		b.WriteString(pick(r, " ", "-", " - "))
	}
	bracket := area > 0 && prefix == "" && r.IntN(3) == 0
	if bracket {
		b.WriteString(pick(r, "(", "（"))
	}
	for i, d := range digits {
		if i > 0 {
			if bracket && i == area+1 {
				b.WriteString(pick(r, ")", "）", ") "))
			} else if r.IntN(4) == 0 {
				b.WriteString(pick(r, " ", "-", ".", "－", "　", "—"))
			}
		}
		b.WriteRune(d)
	}
	out := []rune(b.String())
	if r.IntN(2) == 0 { // switch some or all characters to full width
		all := r.IntN(2) == 0
		for i, c := range out {
			if c > ' ' && c < 0x7F && (all || r.IntN(2) == 0) {
				out[i] = c + 0xFEE0
			}
		}
	}
	return string(out)
}

func pick(r *rand.Rand, s ...string) string { return s[r.IntN(len(s))] }
