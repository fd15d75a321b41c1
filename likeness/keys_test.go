package likeness

import (
	"slices"
	"testing"
)

// TestProbesFindStoredKeys: a search's probes meet a stored resource's
// keys exactly for the look-alikes the package documentation lists.
func TestProbesFindStoredKeys(t *testing.T) {
	tests := []struct {
		search, stored string
		meet           bool
	}{
		{"苏州日东精密电子有限公司", "苏州日东电子科技有限公司", true},  // trade
		{"苏州日冬精密电子有限公司", "苏州日东精密电子有限公司", true},  // pinyin
		{"苏州科瑞达机械有限公司", "苏州科泰达机械有限公司", true},    // mask
		{"苏州日东新精密电子有限公司", "苏州日东精密电子有限公司", true}, // del against trade
		{"苏州日东精密电子有限公司", "苏州日东新精密电子有限公司", true}, // trade against del
		{"深圳华为技术有限公司", "深圳华美技术有限公司", false},     // two characters: no masks
		{"苏州甲乙机械有限公司", "杭州丙丁服装有限公司", false},
		{"杭州测速0000123机械有限公司", "杭州测速0000124机械有限公司", false}, // numbered, not mistyped
	}
	for _, tt := range tests {
		a, b := profile(0, tt.search, "", nil, nil), profile(1, tt.stored, "", nil, nil)
		stored := Keys(b)
		meet := slices.ContainsFunc(Probes(a), func(k Key) bool { return slices.Contains(stored, k) })
		if meet != tt.meet {
			t.Errorf("%s probing %s: meet %v, want %v (probes %v, keys %v)", tt.search, tt.stored, meet, tt.meet, Probes(a), stored)
		}
	}
}

// TestContactKeysNeedACity: a contact's name is a key only within a city;
// 张伟 nationwide would match thousands.
func TestContactKeysNeedACity(t *testing.T) {
	with := Keys(profile(1, "苏州甲乙机械有限公司", "苏州", []string{"张伟"}, nil))
	if !slices.Contains(with, Key{KindContact, "苏州市|张伟"}) {
		t.Errorf("keys %v lack the contact in 苏州市", with)
	}
	titled := Keys(profile(1, "苏州甲乙机械有限公司", "苏州", []string{"王经理", "李总", "张先生"}, nil))
	if slices.ContainsFunc(titled, func(k Key) bool { return k.Kind == KindContact }) {
		t.Errorf("keys %v hold a surname with a title as a contact", titled)
	}
	without := Keys(profile(1, "甲乙机械有限公司", "", []string{"张伟"}, nil))
	if slices.ContainsFunc(without, func(k Key) bool { return k.Kind == KindContact }) {
		t.Errorf("keys %v hold a contact without a city", without)
	}
}
