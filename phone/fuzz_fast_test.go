package phone

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// FuzzFastPath compares the two paths on any input: Parse, which reads the
// common shapes on the fast path, must answer exactly as parseFull, the
// libphonenumber path — the same Numbers, or an error of the same kind and
// message. (FuzzParse checks what must hold of any answer; this checks the
// fast path against the reference.)
func FuzzFastPath(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.in, c.region)
	}
	r := rand.New(rand.NewPCG(1, 86))
	for i, n := range corpusNumbers(r) {
		if i%97 == 0 {
			f.Add(dressed(r, n, i, i%dressings), "")
		}
	}
	f.Fuzz(func(t *testing.T, input, region string) {
		got, err := Parse(input, region)
		want, wantErr := parseFull(input, region)
		if !slices.Equal(got, want) || (err == nil) != (wantErr == nil) {
			t.Fatalf("Parse(%q, %q) = %+v, %v; the full path: %+v, %v", input, region, got, err, want, wantErr)
		}
		if err != nil {
			var e1, e2 *Error
			if !errors.As(err, &e1) || !errors.As(wantErr, &e2) || e1.Kind != e2.Kind || e1.Input != e2.Input || e1.Error() != e2.Error() {
				t.Fatalf("Parse(%q, %q): error %#v; the full path: %#v", input, region, err, wantErr)
			}
		}
	})
}
