package phone

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// libType is what the full path asks libphonenumber: the type of +86 nat,
// ok false when the library reads another national number (it took a
// trunk 0 or carrier code off), which the fast path leaves alone.
func libType(nat string) (phonenumbers.PhoneNumberType, bool) {
	num, err := phonenumbers.Parse("+86"+nat, "ZZ")
	if err != nil || phonenumbers.GetNationalSignificantNumber(num) != nat {
		return 0, false
	}
	return phonenumbers.GetNumberType(num), true
}

// TestTypeTable walks every path of the type table to a decided node and
// checks the type there against libphonenumber for the lowest, the highest
// and a random number under it.
func TestTypeTable(t *testing.T) {
	tab, err := cnTypes()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 86))
	leaves, checked := 0, 0
	var walk func(n *typeNode, prefix string, l int)
	walk = func(n *typeNode, prefix string, l int) {
		if !n.done {
			for d, c := range n.next {
				walk(c, prefix+string(rune('0'+d)), l)
			}
			return
		}
		leaves++
		rest := l - len(prefix)
		random := make([]byte, rest)
		for i := range random {
			random[i] = byte('0' + r.IntN(10))
		}
		for _, tail := range []string{strings.Repeat("0", rest), strings.Repeat("9", rest), string(random)} {
			nat := prefix + tail
			want, ok := libType(nat)
			if !ok {
				continue
			}
			checked++
			if got := tab.typeOf(nat); got != want {
				t.Errorf("type of %s: table %v, libphonenumber %v", nat, got, want)
			}
		}
	}
	for l := 1; l <= maxNational; l++ {
		walk(tab.root[l], "", l)
	}
	t.Logf("%d decided prefixes, %d numbers checked", leaves, checked)
}

// TestTypeTableRandom compares the table with libphonenumber on random
// national numbers of every length.
func TestTypeTableRandom(t *testing.T) {
	tab, _ := cnTypes()
	r := rand.New(rand.NewPCG(8, 86))
	for range 50_000 {
		b := make([]byte, 1+r.IntN(maxNational))
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		nat := string(b)
		if want, ok := libType(nat); ok && tab.typeOf(nat) != want {
			t.Errorf("type of %s: table %v, libphonenumber %v", nat, tab.typeOf(nat), want)
		}
	}
}

// TestBlock checks Block's answers on known blocks and, for every block it
// vouches for among the mobile prefixes and the area codes, Parse on the
// lowest, highest and a random number of the block.
func TestBlock(t *testing.T) {
	for _, c := range []struct {
		prefix string
		n      int
		line   string
		ok     bool
	}{
		{"138", 11, LineMobile, true}, {"199", 11, LineMobile, true}, {"154", 11, "", false}, {"140", 11, "", false},
		{"5126", 11, LineLandline, true}, {"5922", 10, LineLandline, true}, {"5122", 10, "", false},
		{"512", 11, "", false}, // the local number's first digit is not known
		{"5120", 11, "", false}, {"106", 10, LineLandline, true}, {"4008", 10, LineTollFree, true},
		{"1", 11, "", false}, {"179", 11, "", false}, {"0512", 12, "", false},
	} {
		line, ok := Block(c.prefix, c.n)
		if line != c.line || ok != c.ok {
			t.Errorf("Block(%q, %d) = %q, %v; want %q, %v", c.prefix, c.n, line, ok, c.line, c.ok)
		}
	}
	r := rand.New(rand.NewPCG(9, 86))
	type block struct {
		prefix string
		n      int
	}
	var blocks []block
	for p := 130; p <= 199; p++ {
		blocks = append(blocks, block{strconv.Itoa(p), 11})
	}
	for code := range areaTab().byCode {
		for first := '0'; first <= '9'; first++ {
			blocks = append(blocks, block{code + string(first), len(code) + 7}, block{code + string(first), len(code) + 8})
		}
	}
	vouched := 0
	for _, b := range blocks {
		line, ok := Block(b.prefix, b.n)
		if !ok {
			continue
		}
		vouched++
		rest := b.n - len(b.prefix)
		random := make([]byte, rest)
		for i := range random {
			random[i] = byte('0' + r.IntN(10))
		}
		for _, tail := range []string{strings.Repeat("0", rest), strings.Repeat("9", rest), string(random)} {
			in := b.prefix + tail
			if line == LineLandline {
				in = "0" + in
			}
			ns, err := parseFull(in, "")
			if err != nil || len(ns) != 1 || ns[0].Line != line || ns[0].E164 != "+86"+b.prefix+tail {
				t.Errorf("Block(%q, %d) = %s, but %s parses to %+v, %v", b.prefix, b.n, line, in, ns, err)
			}
		}
	}
	t.Logf("%d of %d blocks vouched for", vouched, len(blocks))
}
