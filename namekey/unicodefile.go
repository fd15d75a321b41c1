package namekey

import (
	"strconv"
	"strings"
)

// eachMapping reads the "source ; target" lines of a Unicode data file: a
// code point or a range lo..hi, then one or more code points.
func eachMapping(name string, fn func(lo, hi rune, to []rune)) {
	b, _ := dataFS.ReadFile(name) // embedded; TestLookalikeTables checks it loads
	for _, line := range strings.Split(string(b), "\n") {
		line, _, _ = strings.Cut(line, "#")
		src, dst, ok := strings.Cut(line, ";")
		if !ok {
			continue
		}
		dst, _, _ = strings.Cut(dst, ";") // confusables.txt has a third field, MA
		from, thru, _ := strings.Cut(strings.TrimSpace(src), "..")
		lo, err := strconv.ParseUint(from, 16, 32)
		hi := lo
		if thru != "" {
			hi, err = strconv.ParseUint(thru, 16, 32)
		}
		var to []rune
		for _, h := range strings.Fields(dst) {
			v, e := strconv.ParseUint(h, 16, 32)
			if e != nil {
				err = e
			}
			to = append(to, rune(v))
		}
		if err == nil {
			fn(rune(lo), rune(hi), to)
		}
	}
}
