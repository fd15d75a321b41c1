package phone

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0512-6588 1234", "51265881234"},
		{"(0512)65881234", "51265881234"},
		{"+86 512 6588 1234", "51265881234"},
		{"0086-512-65881234", "51265881234"},
		{"138 0013 8000", "13800138000"},
		{"+86 138-0013-8000", "13800138000"},
		{"１３８００１３８０００", "13800138000"}, // full-width digits
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizeRefusesShortNumbers(t *testing.T) {
	for _, in := range []string{"", "12-34", "abc", "+86 12"} {
		if got, err := Normalize(in); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", in, got)
		}
	}
}
