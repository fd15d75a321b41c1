package phone

import "testing"

// BenchmarkParseCommon parses only the shapes typed most — one mobile or one
// number with its area code, with separators, +86, full width, an
// extension — which the fast path reads; BenchmarkParse's mix also holds
// shapes that go the full way. It reports numbers per second.
func BenchmarkParseCommon(b *testing.B) {
	inputs := []string{
		"13800138000",
		"138 0013 8000",
		"+86 138-0013-8000",
		"0512-65881234",
		"(0512) 6588 1234",
		"010-62345678转8001",
		"０５９２－５１２３４５６",
		"+86 (0)512 6588 1234 ext. 8001",
	}
	b.ReportAllocs()
	numbers := 0
	for i := 0; b.Loop(); i++ {
		ns, err := Parse(inputs[i%len(inputs)], "")
		if err != nil {
			b.Fatal(err)
		}
		numbers += len(ns)
	}
	b.ReportMetric(float64(numbers)/b.Elapsed().Seconds(), "numbers/s")
}
