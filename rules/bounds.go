package rules

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
)

// What an admin's expression may cost. A rule runs inside entries and
// picks, under a lock on the rep's row, so its cost must be bounded before
// it is ever run, not discovered by running it:
//
//   - The source is bounded in bytes and bracket nesting before the parser
//     sees it (the parser recurses once per bracket).
//   - The language has no loops: closures (map, filter, reduce, all …) and
//     the builtins that build text or collections from others (repeat,
//     replace, join, split, toJSON …) are refused at compile time, so an
//     evaluation visits each of at most MaxNodes nodes once.
//   - What it builds stays small: no text can double (see
//     refuseGrowingText), and collections (ranges, arrays, maps) are
//     bounded by MemoryBudget.
//
// The environments hold no collections, so nothing a rule needs is lost:
// a rule compares, counts, and computes dates.
const (
	// MaxSourceBytes bounds an expression's source (the database keeps at
	// most 4000 characters).
	MaxSourceBytes = 4000
	// MaxNesting bounds how deep brackets ( [ { may nest.
	MaxNesting = 32
)

// bounded are the builtins a rule may call: each costs at most the size of
// its arguments and builds nothing larger than them.
var bounded = map[string]bool{
	"len": true, "type": true, "abs": true, "ceil": true, "floor": true, "round": true, "int": true, "float": true,
	"string": true, "trim": true, "trimPrefix": true, "trimSuffix": true, "upper": true, "lower": true,
	"indexOf": true, "lastIndexOf": true, "hasPrefix": true, "hasSuffix": true,
	"max": true, "min": true, "mean": true, "median": true, "sum": true, "first": true, "last": true, "get": true,
	"duration": true, "date": true, "timezone": true,
	"bitand": true, "bitor": true, "bitxor": true, "bitnand": true, "bitnot": true, "bitshl": true, "bitshr": true, "bitushr": true,
}

// checkSource refuses a source too long or too deeply nested to parse
// safely; brackets inside string literals do not count.
func checkSource(src string) *CompileError {
	if len(src) > MaxSourceBytes {
		return &CompileError{Line: 1, Column: 1,
			Msg: fmt.Sprintf("the expression is %d bytes long; at most %d are allowed", len(src), MaxSourceBytes)}
	}
	depth, line, col := 0, 1, 0
	var quote rune
	escaped := false
	for _, r := range src {
		col++
		switch {
		case r == '\n':
			line, col = line+1, 0
		case quote != 0:
			switch {
			case escaped:
				escaped = false
			case r == '\\' && quote != '`':
				escaped = true
			case r == quote:
				quote = 0
			}
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case strings.ContainsRune("([{", r):
			if depth++; depth > MaxNesting {
				return &CompileError{Line: line, Column: col,
					Msg: fmt.Sprintf("brackets nest deeper than %d levels", MaxNesting)}
			}
		case strings.ContainsRune(")]}", r):
			depth--
		}
	}
	return nil
}

// refuseLoops refuses, in the tree as parsed (before the optimizer folds
// some closures away, which would make the language depend on it), what
// could make an evaluation cost more than its size: closures and the
// builtins not in bounded.
func refuseLoops(node ast.Node) (ast.Node, string) {
	return find(node, func(n ast.Node) string {
		switch n := n.(type) {
		case *ast.PredicateNode:
			return "closures (map, filter, reduce, all, any …) are not available in rules: a rule must take bounded time"
		case *ast.BuiltinNode:
			if !bounded[n.Name] && n.Name != "now" { // now() is refused with its own reason

				return n.Name + " is not available in rules: it could loop or build unbounded text"
			}
		}
		return ""
	})
}

// refuseGrowingText refuses, in the checked tree, a + that could double a
// text, and one whose operands' types are unknown (they could be such
// texts). Without variables an expression is a tree, each part used once,
// so the texts it joins add up to at most its leaves; only a let variable
// can be used twice, so + may join two computed texts only when neither
// reads a let variable (a written text may always be added).
func refuseGrowingText(node ast.Node) (ast.Node, string) {
	lets := map[string]bool{}
	ast.Find(node, func(n ast.Node) bool {
		if v, ok := n.(*ast.VariableDeclaratorNode); ok {
			lets[v.Name] = true
		}
		return false
	})
	readsLet := func(n ast.Node) bool {
		return ast.Find(n, func(n ast.Node) bool {
			id, ok := n.(*ast.IdentifierNode)
			return ok && lets[id.Value]
		}) != nil
	}
	return find(node, func(n ast.Node) string {
		if c, ok := n.(*ast.BuiltinNode); ok && c.Name == "string" && len(c.Arguments) == 1 {
			if t := c.Arguments[0].Type(); t == nil || !(additive(t) || isText(t) || t.Kind() == reflect.Bool) {
				return "string() may write a number, time, duration, text or bool, not a collection: its text could double"
			}
		}
		b, ok := n.(*ast.BinaryNode)
		if !ok || b.Operator != "+" {
			return ""
		}
		l, r := b.Left.Type(), b.Right.Type()
		switch {
		case additive(l) && additive(r):
			return ""
		case isText(l) && isText(r) && (isLiteral(b.Left) || isLiteral(b.Right) || !readsLet(b.Left) && !readsLet(b.Right)):
			return ""
		case isText(l) && isText(r):
			return "+ may not join a text held in a let variable with another computed text: it could double without bound"
		}
		return "the operands of + must be known to be numbers, times, durations or texts"
	})
}

func isText(t reflect.Type) bool { return t != nil && t.Kind() == reflect.String }

func isLiteral(n ast.Node) bool { _, ok := n.(*ast.StringNode); return ok }

// find returns the first node (and bad's message) for which bad says why.
func find(node ast.Node, bad func(ast.Node) string) (ast.Node, string) {
	var at ast.Node
	var msg string
	ast.Find(node, func(n ast.Node) bool {
		if at == nil {
			if msg = bad(n); msg != "" {
				at = n
			}
		}
		return at != nil
	})
	return at, msg
}

var timeType, durationType = reflect.TypeFor[time.Time](), reflect.TypeFor[time.Duration]()

func additive(t reflect.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return t == timeType || t == durationType
}

// nodeError is a CompileError pointing at n.
func nodeError(n ast.Node, msg string, src file.Source) *CompileError {
	return compileError((&file.Error{Location: n.Location(), Message: msg}).Bind(src))
}
