package phone

import (
	"errors"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0512-6588 1234", "+8651265881234"},
		{"(0512)65881234", "+8651265881234"},
		{"+86 512 6588 1234", "+8651265881234"},
		{"0086-512-65881234", "+8651265881234"},
		{"0512-65881234 转 8001", "+8651265881234"}, // the extension is not part of the key
		{"138 0013 8000", "+8613800138000"},
		{"+86 138-0013-8000", "+8613800138000"},
		{"１３８００１３８０００", "+8613800138000"}, // full-width digits
		{"51265881234", "+8651265881234"}, // the interim form reads as before
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizeRefuses(t *testing.T) {
	for _, tt := range []struct {
		in   string
		kind Kind
	}{
		{"", KindEmpty},
		{"12-34", KindTooShort},
		{"abc", KindLetters},
		{"+86 12", KindTooShort},
		{"65881234", KindNoAreaCode}, // no region to take an area code from
		{"13800138000/13900000000", KindCount},
	} {
		got, err := Normalize(tt.in)
		var pe *Error
		if !errors.As(err, &pe) || pe.Kind != tt.kind {
			t.Errorf("Normalize(%q) = %q, %v; want a %s error", tt.in, got, err, tt.kind)
		}
	}
}

func TestValidType(t *testing.T) {
	for _, typ := range []string{Mobile, Landline, Fax} {
		if !ValidType(typ) {
			t.Errorf("ValidType(%q) = false", typ)
		}
	}
	if ValidType("pager") || ValidType("") {
		t.Error("ValidType accepts an unknown type")
	}
}
