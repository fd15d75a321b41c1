package phone

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// BenchmarkParse parses a mix of what sales reps type, and reports numbers
// per second.
func BenchmarkParse(b *testing.B) {
	inputs := []struct{ in, region string }{
		{"0512-65881234", ""},
		{"138 0013 8000", ""},
		{"+86 (0)512 6588 1234 转8001", ""},
		{"０５１２－６５８８１２３４", ""},
		{"0512-65881234/65881235", ""},
		{"138 0013 8000，139 0000 0000", ""},
		{"65881234", "江苏省苏州市"},
		{"400-812-3456", ""},
	}
	numbers := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := inputs[i%len(inputs)]
		ns, err := Parse(c.in, c.region)
		if err != nil {
			b.Fatal(err)
		}
		numbers += len(ns)
	}
	b.ReportMetric(float64(numbers)/b.Elapsed().Seconds(), "numbers/s")
}

// BenchmarkLibphonenumberOnly is the baseline of BenchmarkParse, run beside
// it: libphonenumber's own parse and E.164 format of clean single numbers,
// without the splitting, extensions and area-code lookup tide adds.
func BenchmarkLibphonenumberOnly(b *testing.B) {
	inputs := []string{"0512-65881234", "138 0013 8000", "+86 512 6588 1234", "400-812-3456"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		n, err := phonenumbers.Parse(inputs[i%len(inputs)], "CN")
		if err != nil {
			b.Fatal(err)
		}
		_ = phonenumbers.Format(n, phonenumbers.E164)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "numbers/s")
}
