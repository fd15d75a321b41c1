package phone

import "github.com/nyaruka/phonenumbers"

// Block reports whether Parse reads every Chinese number of n national
// digits (without trunk 0 or country code) that starts with prefix, written
// with its trunk 0 or +86, and as what Line. Generators of test data
// (store/benchdata) use it to make only numbers tide accepts: Block("512", 11)
// is landline (0512 + 8 digits), Block("5922", 10) is landline (Xiamen's
// numbers have 7 digits), Block("154", 11) is not a mobile prefix.
//
// It answers from the fast path's type table and tide's own rules (a local
// number has 7 or 8 digits and does not start with 0), so ok is exact when
// true; false also means that the numbers under prefix are not all of one
// kind, or that prefix is too short to tell (an area code without the first
// digit of the local number).
func Block(prefix string, n int) (line string, ok bool) {
	tab, err := cnTypes()
	if err != nil || n > maxNational || len(prefix) > n || !allDigits(prefix) {
		return "", false
	}
	// The national numbers the table does not model (classify): those
	// starting with 0, 11, 12 or 179, and prefixes that could still become
	// one of those.
	switch {
	case prefix[0] == '0', prefix == "1", prefix == "17",
		len(prefix) >= 2 && prefix[0] == '1' && (prefix[1] == '1' || prefix[1] == '2'),
		len(prefix) >= 3 && prefix[:3] == "179":
		return "", false
	}
	node := tab.root[n]
	for i := 0; i < len(prefix) && !node.done; i++ {
		node = node.next[prefix[i]-'0']
	}
	if !node.done {
		return "", false
	}
	line = lineOf(node.typ, 86)
	switch {
	case node.typ == phonenumbers.UNKNOWN:
		return "", false
	case line != LineLandline:
		return line, true
	}
	// subscriberLike for every completion: the local number's length, and
	// its first digit, which must be in the prefix.
	area := areaLen(prefix)
	if local := n - area; (local != 7 && local != 8) || len(prefix) <= area || prefix[area] == '0' {
		return "", false
	}
	return line, true
}
