package phone

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// typeTable is libphonenumber's GetNumberType for Chinese national
// significant numbers, as a tree over their digits: one root per length,
// and a node for each prefix until the prefix alone decides the type of
// every number that starts with it. It is built from the library's own
// metadata for CN (the same patterns, in the same order of types), so it
// follows a phonenumbers upgrade by itself; the fast path reads a number's
// type from it in a dozen steps instead of running the patterns as regular
// expressions, which cost most of a parse. fast_test.go and FuzzFastPath
// check it against the library.
type typeTable struct {
	root [maxNational + 1]*typeNode // by length of the national number
}

// maxNational is the most digits of a Chinese national number (chinese()
// refuses longer ones before asking libphonenumber).
const maxNational = 12

type typeNode struct {
	done bool // typ is the type of every number under this node
	typ  phonenumbers.PhoneNumberType
	next [10]*typeNode
}

// cnTypes builds the table on first use; the error, if any, turns the fast
// path off (a test requires there is none).
var cnTypes = sync.OnceValues(buildTypeTable)

// typeOf returns the type of nat: 1 to maxNational digits, no other
// characters. Every path ends at a decided node by the last digit.
func (t *typeTable) typeOf(nat string) phonenumbers.PhoneNumberType {
	n := t.root[len(nat)]
	for i := 0; !n.done; i++ {
		n = n.next[nat[i]-'0']
	}
	return n.typ
}

// specialTypes are the types getNumberTypeHelper tests, in its order,
// before fixed line and mobile.
var specialTypes = []phonenumbers.PhoneNumberType{phonenumbers.PREMIUM_RATE, phonenumbers.TOLL_FREE,
	phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER,
	phonenumbers.UAN, phonenumbers.VOICEMAIL}

// tableBuilder holds one automaton per description: the general one, the
// special types, fixed line, mobile.
type tableBuilder struct {
	descs []*phonenumbers.PhoneNumberDesc
	nfas  []*digitNFA
	same  bool // SameMobileAndFixedLinePattern
	nodes map[string]*typeNode
}

func buildTypeTable() (*typeTable, error) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(coll.GetMetadata(), func(m *phonenumbers.PhoneMetadata) bool { return m.GetId() == "CN" })
	if i < 0 {
		return nil, fmt.Errorf("phone: no metadata for CN")
	}
	md := coll.GetMetadata()[i]
	b := &tableBuilder{same: md.GetSameMobileAndFixedLinePattern(), nodes: map[string]*typeNode{}}
	b.descs = []*phonenumbers.PhoneNumberDesc{md.GetGeneralDesc(), md.GetPremiumRate(), md.GetTollFree(),
		md.GetSharedCost(), md.GetVoip(), md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail(),
		md.GetFixedLine(), md.GetMobile()}
	for _, d := range b.descs {
		n, err := newDigitNFA(d.GetNationalNumberPattern()) // a missing description: "", which matches no digits
		if err != nil {
			return nil, fmt.Errorf("phone: CN pattern %q: %w", d.GetNationalNumberPattern(), err)
		}
		b.nfas = append(b.nfas, n)
	}
	t := &typeTable{}
	for l := 1; l <= maxNational; l++ {
		sets := make([]stateSet, len(b.descs))
		for k, d := range b.descs {
			// isNumberPossibleForDesc: a description with lengths matches
			// no number of another length.
			if d != nil && (len(d.PossibleLength) == 0 || slices.Contains(d.PossibleLength, int32(l))) {
				sets[k] = b.nfas[k].start()
			}
		}
		t.root[l] = b.node(sets, l)
	}
	return t, nil
}

// node returns the node for the digits read so far (their state sets) with
// k digits still to come, shared between prefixes in the same states.
func (b *tableBuilder) node(sets []stateSet, k int) *typeNode {
	var key strings.Builder
	key.WriteByte(byte(k))
	for _, s := range sets {
		key.WriteString(s.key())
		key.WriteByte(0xff)
	}
	if n := b.nodes[key.String()]; n != nil {
		return n
	}
	cover := make([]coverage, len(sets))
	for i, s := range sets {
		cover[i] = b.nfas[i].cover(s, k)
	}
	n := &typeNode{}
	n.typ, n.done = b.decide(cover)
	if !n.done {
		for d := byte('0'); d <= '9'; d++ {
			next := make([]stateSet, len(sets))
			for i, s := range sets {
				next[i] = b.nfas[i].step(s, d)
			}
			n.next[d-'0'] = b.node(next, k-1)
		}
	}
	b.nodes[key.String()] = n
	return n
}

// decide is getNumberTypeHelper over coverages: the type when it is the
// same for every completion, ok false when later digits matter. With no
// digits left every coverage is all or none, so it always decides.
func (b *tableBuilder) decide(c []coverage) (phonenumbers.PhoneNumberType, bool) {
	switch c[0] {
	case coverNone:
		return phonenumbers.UNKNOWN, true
	case coverSome:
		return 0, false
	}
	for i, typ := range specialTypes {
		switch c[1+i] {
		case coverAll:
			return typ, true
		case coverSome:
			return 0, false
		}
	}
	fixed, mobile := c[len(c)-2], c[len(c)-1]
	switch {
	case fixed == coverSome:
	case fixed == coverAll && b.same:
		return phonenumbers.FIXED_LINE_OR_MOBILE, true
	case fixed == coverAll && mobile == coverAll:
		return phonenumbers.FIXED_LINE_OR_MOBILE, true
	case fixed == coverAll && mobile == coverNone:
		return phonenumbers.FIXED_LINE, true
	case fixed == coverAll:
	case b.same || mobile == coverNone:
		return phonenumbers.UNKNOWN, true
	case mobile == coverAll:
		return phonenumbers.MOBILE, true
	}
	return 0, false
}
