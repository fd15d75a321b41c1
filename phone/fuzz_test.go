package phone

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks what must hold for any input: no panic; a key is "+" and
// digits; an extension is digits; a Line is one of four; an error is an
// *Error with a message; and a key parsed again is the same key.
func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.in, c.region)
	}
	f.Add("0512-65881234/5/6、65881237，8001", "江苏省苏州市")
	f.Add("+86 (0)512 6588 1234 ext. 8001", "")
	f.Add("６５８８１２３４　６５８８１２３５", "Suzhou")
	f.Fuzz(func(t *testing.T, input, region string) {
		ns, err := Parse(input, region)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Error() == "" || pe.Kind == "" {
				t.Fatalf("Parse(%q, %q): error %#v", input, region, err)
			}
			if ns != nil {
				t.Fatalf("Parse(%q, %q) returned numbers and an error", input, region)
			}
			return
		}
		if len(ns) == 0 {
			t.Fatalf("Parse(%q, %q): no numbers and no error", input, region)
		}
		for _, n := range ns {
			if len(n.E164) < 2 || n.E164[0] != '+' || !allDigits(n.E164[1:]) || len(n.E164) > 16 {
				t.Fatalf("Parse(%q, %q): key %q", input, region, n.E164)
			}
			if n.Extension != "" && !allDigits(n.Extension) {
				t.Fatalf("Parse(%q, %q): extension %q", input, region, n.Extension)
			}
			switch n.Line {
			case LineMobile, LineLandline, LineTollFree, LineOther:
			default:
				t.Fatalf("Parse(%q, %q): line %q", input, region, n.Line)
			}
			if n.Input == "" || !strings.Contains(input, n.Input) {
				t.Fatalf("Parse(%q, %q): input %q", input, region, n.Input)
			}
			again, err := Parse(n.E164, "")
			if err != nil || len(again) != 1 || again[0].E164 != n.E164 || again[0].Line != n.Line {
				t.Fatalf("Parse(%q, %q) gave %q, which parses to %+v, %v", input, region, n.E164, again, err)
			}
		}
	})
}
