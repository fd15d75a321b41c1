package intake

import (
	"testing"

	"github.com/tide-crm/tide/resource"
)

func TestFindReadsTheTextEveryWay(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want resource.Find
	}{
		{"  ", resource.Find{}},
		{"0512-65881234", resource.Find{Text: "0512-65881234", Number: "+8651265881234"}},
		{"+86 138 0013 8000", resource.Find{Text: "+86 138 0013 8000", Number: "+8613800138000"}},
		{"0512-6588", resource.Find{Text: "0512-6588", Digits: "5126588"}}, // the trunk 0 dropped, as in the normal form
		{"0000848", resource.Find{Text: "0000848", Digits: "000848"}},      // only the first 0 is the trunk
		{"123", resource.Find{Text: "123"}},                                // under four digits: no digit search
		{"苏州日东精密电子有限公司", resource.Find{Text: "苏州日东精密电子有限公司", Key: "日东精密电子"}},
	} {
		got := Find(tc.q)
		got.Key = keepKey(got.Key, tc.want.Key)
		if got != tc.want {
			t.Errorf("Find(%q) = %+v, want %+v", tc.q, got, tc.want)
		}
	}
}

// keepKey ignores the key of texts that are no company name (digits make a
// key too), so the table states only what matters.
func keepKey(got, want string) string {
	if want == "" {
		return ""
	}
	return got
}
