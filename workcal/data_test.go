package workcal

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseYearRefusesBadData(t *testing.T) {
	bad := map[string]string{
		"fields":         "holiday\t2026-01-01\t2026-01-01",
		"kind":           "weekend\t2026-01-03\t2026-01-03\tx",
		"other year":     "holiday\t2025-12-31\t2026-01-01\t元旦",
		"backwards":      "holiday\t2026-01-03\t2026-01-01\t元旦",
		"bad date":       "holiday\t2026-1-1\t2026-01-01\t元旦",
		"weekday makeup": "makeup\t2026-01-05\t2026-01-05\tx",
		"twice":          "holiday\t2026-01-01\t2026-01-02\ta\nholiday\t2026-01-02\t2026-01-02\tb",
	}
	for name, text := range bad {
		if _, err := parseYear(2026, text); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	fsys := fstest.MapFS{"data/20x6.txt": {Data: []byte("# empty\n")}}
	if _, err := parseFS(fsys); err == nil || !strings.Contains(err.Error(), "not a year") {
		t.Errorf("bad file name: %v", err)
	}
}

func TestEmbeddedDataParses(t *testing.T) {
	if _, err := parseFS(dataFS); err != nil {
		t.Fatal(err)
	}
}
