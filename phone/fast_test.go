package phone

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sameAsFull runs both paths on one input. Whenever the fast path reads it,
// the full path (libphonenumber) must read it to exactly that Number, alone.
// It reports whether the fast path read it and whether the full path did.
func sameAsFull(t *testing.T, input, region string) (fast, full bool) {
	t.Helper()
	n, ok := fastParse(input)
	want, err := parseFull(input, region)
	if ok && (err != nil || len(want) != 1 || want[0] != n) {
		t.Errorf("%q (region %q): fast path %+v, full path %+v, %v", input, region, n, want, err)
	}
	return ok, err == nil
}

// existingInputs are the inputs of the package's other tests, benchmarks
// and fuzz corpus.
func existingInputs(t *testing.T) [][2]string {
	var in [][2]string
	for _, c := range parseCases {
		in = append(in, [2]string{c.in, c.region})
	}
	for _, s := range []string{
		// TestNormalize, TestNormalizeRefuses
		"0512-6588 1234", "(0512)65881234", "+86 512 6588 1234", "0086-512-65881234", "0512-65881234 转 8001",
		"138 0013 8000", "+86 138-0013-8000", "１３８００１３８０００", "51265881234",
		"", "12-34", "abc", "+86 12", "65881234", "13800138000/13900000000",
		// TestParseInput, TestKeyIgnoresFieldType
		" （０５１２）６５８８１２３４ / 65881235 ", "0512 6588 1234", "(0512)65881234",
		// FuzzParse's own seeds
		"0512-65881234/5/6、65881237，8001", "+86 (0)512 6588 1234 ext. 8001", "６５８８１２３４　６５８８１２３５",
		// BenchmarkParse, BenchmarkLibphonenumberOnly
		"0512-65881234", "+86 (0)512 6588 1234 转8001", "０５１２－６５８８１２３４", "0512-65881234/65881235",
		"138 0013 8000，139 0000 0000", "400-812-3456", "+86 512 6588 1234",
	} {
		in = append(in, [2]string{s, ""}, [2]string{s, "江苏省苏州市"})
	}
	// TestKeyIsStable: the same numbers, seed and dressings.
	r := rand.New(rand.NewPCG(4, 86))
	for _, n := range []struct {
		national string
		area     int
	}{{"051265881234", 3}, {"01062345678", 2}, {"02161234567", 2}, {"03101234567", 3}, {"13800138000", 0},
		{"19912345678", 0}, {"4008123456", 0}, {"8008108888", 0}} {
		for range 300 {
			in = append(in, [2]string{dress(r, n.national, n.area), ""})
		}
	}
	// The fuzz corpus kept in testdata.
	files, _ := filepath.Glob("testdata/fuzz/*/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var args []string
		for _, line := range strings.Split(string(b), "\n")[1:] {
			if s, ok := strings.CutPrefix(line, "string("); ok {
				if v, err := strconv.Unquote(strings.TrimSuffix(s, ")")); err == nil {
					args = append(args, v)
				}
			}
		}
		if len(args) == 2 {
			in = append(in, [2]string{args[0], args[1]})
		}
	}
	return in
}

// TestFastPathMatchesTests compares the two paths on every input of the
// other tests.
func TestFastPathMatchesTests(t *testing.T) {
	if _, err := cnTypes(); err != nil {
		t.Fatalf("type table: %v", err)
	}
	inputs := existingInputs(t)
	fast, full := 0, 0
	for _, c := range inputs {
		f, ok := sameAsFull(t, c[0], c[1])
		fast += b2i(f)
		full += b2i(ok)
	}
	t.Logf("%d inputs of the other tests: %d read by the full path, %d of them by the fast path, all alike", len(inputs), full, fast)
	if fast < 2000 {
		t.Errorf("the fast path read only %d inputs", fast)
	}
}

// TestFastPathMatchesCorpus compares the two paths on the generated corpus:
// every input the fast path reads is read alike by the full path (what the
// fast path leaves goes the full way anyway). It also requires the fast path
// to read every dressing of a valid number that the full path reads as one
// Chinese number: those are the shapes it is meant for.
func TestFastPathMatchesCorpus(t *testing.T) {
	inputs := corpus()
	if testing.Short() { // every 8th input
		for i := range len(inputs) / 8 {
			inputs[i] = inputs[8*i]
		}
		inputs = inputs[:len(inputs)/8]
	}
	fast, valid, full := 0, 0, 0
	for _, c := range inputs {
		n, ok := fastParse(c.in)
		if ok {
			fast++
			if want, err := parseFull(c.in, ""); err != nil || len(want) != 1 || want[0] != n {
				t.Errorf("%q: fast path %+v, full path %+v, %v", c.in, n, want, err)
			}
			continue
		}
		if !c.valid {
			continue // an invalid number, left to the full path, which refuses it
		}
		valid++
		if ns, err := parseFull(c.in, ""); err == nil && len(ns) == 1 && strings.HasPrefix(ns[0].E164, "+86") {
			full++
			t.Errorf("the fast path does not read %q", c.in)
		}
	}
	t.Logf("%d corpus inputs: %d read by the fast path, each exactly as by the full path; "+
		"%d other dressings of valid numbers, which the full path reads as one Chinese number %d times",
		len(inputs), fast, valid, full)
	if fast < len(inputs)/3 {
		t.Errorf("the fast path read only %d of %d corpus inputs", fast, len(inputs))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
