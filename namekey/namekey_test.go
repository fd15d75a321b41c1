package namekey

import "testing"

func TestKeyFoldsWidthSpaceAndCase(t *testing.T) {
	same := []string{"苏州日东精密电子有限公司", " 苏州 日东精密电子 有限公司 ", "苏州日东精密电子有限公司。"}
	for _, n := range same {
		if got := Key(n); got != "苏州日东精密电子有限公司" {
			t.Errorf("Key(%q) = %q", n, got)
		}
	}
	if Key("ＡＢＣ Trading") != Key("abc trading") {
		t.Error("full-width and case make a different key")
	}
	if Key("苏州日东") == Key("苏州日西") {
		t.Error("different names share a key")
	}
	if Key("  ，。 ") != "" {
		t.Error("a name without letters has a key")
	}
}
