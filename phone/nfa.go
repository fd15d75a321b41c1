package phone

import (
	"errors"
	"regexp/syntax"
	"slices"
)

// digitNFA runs one of libphonenumber's number patterns over strings of
// digits as a set of automaton states, so that the type table (cntype.go)
// can ask of a prefix whether every completion of some length matches, none
// does, or it depends on digits further on. It reads the pattern with Go's
// regexp/syntax, as the library's own regexp.Compile does, and never matches
// a string: the question is about all strings of a length at once.
type digitNFA struct {
	prog *syntax.Prog
	memo map[string]coverage // state set + remaining length → answer
}

// coverage says how many completions of a prefix a pattern matches.
type coverage int8

const (
	coverNone coverage = iota
	coverAll
	coverSome
)

// stateSet is a sorted set of instructions waiting for a rune, and whether
// the pattern may end here.
type stateSet struct {
	pcs   []uint32
	final bool
}

var errPattern = errors.New("phone: a number pattern uses an operator the type table does not model")

// newDigitNFA compiles a national-number pattern as libphonenumber matches
// it, whole ("^(?:…)$"). Patterns with anchors or word boundaries inside are
// refused: the table would be wrong, so the fast path is off instead.
func newDigitNFA(pattern string) (*digitNFA, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth {
			return nil, errPattern
		}
	}
	return &digitNFA{prog: prog, memo: map[string]coverage{}}, nil
}

// start is the state set before any digit.
func (n *digitNFA) start() stateSet { return n.closure([]uint32{uint32(n.prog.Start)}) }

// closure follows the instructions that consume nothing.
func (n *digitNFA) closure(from []uint32) stateSet {
	var s stateSet
	seen := map[uint32]bool{}
	stack := append([]uint32(nil), from...)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &n.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, in.Out)
		case syntax.InstMatch:
			s.final = true
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			s.pcs = append(s.pcs, pc)
		}
	}
	slices.Sort(s.pcs)
	return s
}

// step reads one digit.
func (n *digitNFA) step(s stateSet, d byte) stateSet {
	var next []uint32
	r := rune(d)
	for _, pc := range s.pcs {
		in := &n.prog.Inst[pc]
		ok := false
		switch in.Op {
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			ok = true
		default:
			ok = in.MatchRunePos(r) >= 0
		}
		if ok {
			next = append(next, in.Out)
		}
	}
	return n.closure(next)
}

// key identifies a state set for memoisation.
func (s stateSet) key() string {
	b := make([]byte, 0, 1+4*len(s.pcs))
	if s.final {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	for _, pc := range s.pcs {
		b = append(b, byte(pc>>24), byte(pc>>16), byte(pc>>8), byte(pc))
	}
	return string(b)
}

// cover says whether all, none or some of the strings of k more digits
// complete s into a match.
func (n *digitNFA) cover(s stateSet, k int) coverage {
	if k == 0 {
		if s.final {
			return coverAll
		}
		return coverNone
	}
	if len(s.pcs) == 0 {
		return coverNone
	}
	key := s.key() + string(rune(k))
	if c, ok := n.memo[key]; ok {
		return c
	}
	var all, none = true, true
	for d := byte('0'); d <= '9'; d++ {
		switch n.cover(n.step(s, d), k-1) {
		case coverAll:
			none = false
		case coverNone:
			all = false
		default:
			all, none = false, false
		}
	}
	c := coverSome
	if all {
		c = coverAll
	} else if none {
		c = coverNone
	}
	n.memo[key] = c
	return c
}
