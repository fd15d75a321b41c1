package intake

import "testing"

func TestBareLocalNumbersTakeTheRegionsAreaCode(t *testing.T) {
	tests := []struct{ value, region, want string }{
		{"65881234", "苏州", "+8651265881234"},
		{"57881234", "昆山", "+8651257881234"},        // a county-level city: its prefecture's code
		{"65881234", "江苏省苏州市吴中区", "+8651265881234"}, // a district
		{"58881234", "上海市浦东新区", "+862158881234"},
		{"0571-88886666", "昆山", "+8657188886666"}, // a full number keeps its own code
	}
	for _, tt := range tests {
		ns, err := ParseNumbers(tt.value, tt.region)
		if err != nil || len(ns) != 1 || ns[0].E164 != tt.want {
			t.Errorf("ParseNumbers(%q, %q) = %+v, %v; want %s", tt.value, tt.region, ns, err, tt.want)
		}
	}
	if _, err := ParseNumbers("65881234", "朝阳区"); err == nil {
		t.Error("a bare number in 朝阳区 (Beijing or Changchun) got an area code")
	}
}
