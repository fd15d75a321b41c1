package sea

import "testing"

func TestMaskDigits(t *testing.T) {
	for in, want := range map[string]string{
		"+8651265881234": "+*********1234",
		"0512-6588 1234": "****-**** 1234",
		"138 0013 8000":  "*** **** 8000",
		"１３８００１３８０００":    "*******８０００",
		"12":             "12",
	} {
		if got := MaskDigits(in); got != want {
			t.Errorf("MaskDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
