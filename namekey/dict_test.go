package namekey

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestListsLoaded(t *testing.T) {
	d := dicts()
	count := map[kind]int{}
	for _, k := range d.words {
		for _, b := range []kind{kOrg, kIndividual, kBranch, kGeneric, kIndustry, kZone} {
			if k&b != 0 {
				count[b]++
			}
		}
	}
	for b, min := range map[kind]int{kOrg: 60, kIndividual: 15, kBranch: 10, kGeneric: 20, kIndustry: 500, kZone: 30} {
		if count[b] < min {
			t.Errorf("kind %d: %d words, want at least %d", b, count[b], min)
		}
	}
	levels := map[int8]int{}
	for _, r := range d.regions {
		levels[r.level]++
	}
	// 31 provinces + Hong Kong, Macao, Taiwan; about 350 prefectures; about
	// 3,000 counties, districts and statistical zones.
	if levels[1] != 34 || levels[2] < 330 || levels[3] < 2900 {
		t.Errorf("divisions per level: %v", levels)
	}
	if len(d.englishTok) < 80 {
		t.Errorf("%d English words", len(d.englishTok))
	}
}

// TestListsAreDisjoint: a word is an organisation form, a generic word or
// an industry word, never two of them, or the tail rules would depend on
// the order of the files.
func TestListsAreDisjoint(t *testing.T) {
	for w, k := range dicts().words {
		n := 0
		for _, b := range []kind{kOrg, kGeneric, kIndustry, kZone} {
			if k&b != 0 {
				n++
			}
		}
		if n > 1 {
			t.Errorf("%q is in two lists (kind %b)", w, k)
		}
	}
}

// TestYeIsNotStripped: the 业 decision. No list has 业 alone, and every
// listed word in 业 is listed whole.
func TestYeIsNotStripped(t *testing.T) {
	d := dicts()
	if _, ok := d.words["业"]; ok {
		t.Fatal("业 is listed on its own")
	}
	for w := range d.words {
		if strings.HasSuffix(w, "业") && utf8.RuneCountInString(w) < 2 {
			t.Errorf("%q", w)
		}
	}
	for _, n := range []string{"日东鞋业", "日东车业", "日东置业", "日东物业", "日东纸业", "日东玩业"} {
		if k := Key(n + "有限公司"); !strings.HasSuffix(k, "业") {
			t.Errorf("%s有限公司: key %q lost its 业", n, k)
		}
	}
}

func TestShortFormsHaveTwoCharacters(t *testing.T) {
	for f := range dicts().forms {
		if utf8.RuneCountInString(f) < 2 {
			t.Errorf("region form %q is shorter than two characters", f)
		}
	}
}

func TestRegionForms(t *testing.T) {
	d := dicts()
	for _, c := range []struct {
		form      string
		ambiguous bool
	}{
		{"苏州", false}, {"苏州市", false}, {"吴中", false}, {"浦东", false}, {"昆山", false},
		{"延边", false}, {"恩施州", false}, {"内蒙古", false}, {"香港", false}, {"台湾", false},
		{"新华", true}, {"城关", true}, {"龙华", true}, {"长安", true}, {"阿里", true}, {"光明", true},
	} {
		f := d.forms[c.form]
		if f == nil {
			t.Errorf("%q is not a region form", c.form)
			continue
		}
		if f.ambiguous != c.ambiguous {
			t.Errorf("%q: ambiguous = %v, want %v", c.form, f.ambiguous, c.ambiguous)
		}
	}
	for _, s := range []string{"和", "城", "中国人"} {
		if d.forms[s] != nil {
			t.Errorf("%q is a region form", s)
		}
	}
}

// TestConcurrentFirstUse: the lists and the converter are built lazily,
// once, whoever calls first (run with -race).
func TestConcurrentFirstUse(t *testing.T) {
	done := make(chan string)
	for range 8 {
		go func() { done <- Key("蘇州日東精密電子有限公司") }()
	}
	for range 8 {
		if k := <-done; k != "日东精密电子" {
			t.Errorf("key %q", k)
		}
	}
}
