package workcal

import (
	"strconv"
	"testing"
	"time"

	"github.com/tide-crm/tide/china"
)

func BenchmarkWorkdaysAfter(b *testing.B) {
	c := Official()
	t := time.Date(2026, 2, 13, 18, 0, 0, 0, china.Zone)
	for _, n := range []int{2, 20} {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := c.WorkdaysAfter(t, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
