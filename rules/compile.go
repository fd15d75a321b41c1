package rules

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// Bounds on what an admin's expression may cost.
const (
	// MaxNodes caps the size of an expression's syntax tree; the defaults
	// use under 30 nodes.
	MaxNodes = 500
	// MemoryBudget caps, per evaluation, the elements the expr VM may
	// allocate for ranges, arrays, maps and builtins such as map or sort
	// (vm.VM.MemoryBudget; expr's default is 1e6).
	MemoryBudget = 10_000
)

// CompileError is an expression refused by Compile. Line and Column are
// 1-based and point at the offending token; an error about the expression as
// a whole (its result type) points at 1:1.
type CompileError struct {
	Line, Column int
	Msg          string
	Snippet      string // the offending line with a caret under the column, when known
}

func (e *CompileError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Program is one compiled version of a rule. It is immutable and safe for
// concurrent use.
type Program struct {
	point      Point
	version    int
	expression string
	prog       *vm.Program
}

// Point is the rule point the program answers for.
func (p *Program) Point() Point { return p.point }

// Version is the rule version the program was compiled from (set by Cache;
// 0 for a program from Compile).
func (p *Program) Version() int { return p.version }

// Expression is the source text of the program.
func (p *Program) Expression() string { return p.expression }

var resultTypes = map[string]reflect.Type{
	ResultInt:      reflect.TypeFor[int](),
	ResultBool:     reflect.TypeFor[bool](),
	ResultAllowed:  reflect.TypeFor[bool](),
	ResultTime:     reflect.TypeFor[time.Time](),
	ResultDuration: reflect.TypeFor[time.Duration](),
}

// Compile compiles expression as a version of the named rule point: against
// the point's environment, with the functions of funcs.go (working days from
// cal, which may be nil for rules that do not use them), without now(), and
// within the bounds of bounds.go (source size and nesting, no loops, no
// growing text, collections bounded, MaxNodes). An expression whose result cannot be the point's result
// type is refused. Errors about the expression are *CompileError.
func Compile(point string, expression string, cal Calendar) (*Program, error) {
	pt, ok := Lookup(point)
	if !ok {
		return nil, fmt.Errorf("rules: unknown rule point %q", point)
	}
	if ce := checkSource(expression); ce != nil {
		return nil, ce
	}
	if tree, err := parser.Parse(expression); err == nil { // a parse error is reported by Compile below
		if n, msg := refuseLoops(tree.Node); n != nil {
			return nil, nodeError(n, msg, tree.Source)
		}
	}
	opts := []expr.Option{
		expr.Env(pt.Env),
		expr.MaxNodes(MaxNodes),
		expr.DisableBuiltin("now"),
		// Not expr.Timezone: as a patcher it lets unknown names through the
		// checker (v1.17.8), so months_after(today, 1) would compile. date()
		// therefore reads a date without an offset as UTC; write the offset.
	}
	if pt.Result == ResultAllowed {
		// deny stops evaluation, so it must run exactly where written:
		// the optimizer would fold deny("x") || true to true.
		opts = append(opts, expr.Optimize(false))
	}
	opts = append(opts, functions(cal, pt.Result == ResultAllowed)...)
	prog, err := expr.Compile(expression, opts...)
	if err != nil {
		ce := compileError(err)
		if strings.HasPrefix(textAt(expression, ce.Line, ce.Column), "now(") {
			ce.Msg = "there is no now(): the time comes from the environment (use now, the time of the decision)"
		}
		return nil, ce
	}
	if err := refuseCalls(prog); err != nil {
		return nil, err
	}
	if n, msg := refuseGrowingText(prog.Node()); n != nil {
		return nil, nodeError(n, msg, prog.Source())
	}
	want := resultTypes[pt.Result]
	if got := prog.Node().Type(); got != nil && got.Kind() != reflect.Interface && got != want {
		return nil, &CompileError{Line: 1, Column: 1,
			Msg: fmt.Sprintf("%s must answer %s, this expression answers %s", pt.Name, pt.Result, got)}
	}
	return &Program{point: pt, expression: expression, prog: prog}, nil
}

// refuseCalls refuses a call of anything but a function. expr's checker
// misses some (months_after(now(), 1) with now a time), and such a call
// would only fail at evaluation; now() in particular must be refused at
// once: the time comes from the environment.
func refuseCalls(prog *vm.Program) *CompileError {
	var bad ast.Node
	var msg string
	node := prog.Node()
	ast.Find(node, func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.CallNode:
			if t := n.Callee.Type(); t != nil && t.Kind() != reflect.Func && t.Kind() != reflect.Interface {
				bad, msg = n, fmt.Sprintf("%s is not a function", t)
				if id, ok := n.Callee.(*ast.IdentifierNode); ok && id.Value == "now" {
					msg = "now is a variable, not a function: there is no now(), the time comes from the environment"
				}
			}
		case *ast.BuiltinNode:
			if n.Name == "now" {
				bad, msg = n, "there is no now(): the time comes from the environment"
			}
		}
		return bad != nil
	})
	if bad == nil {
		return nil
	}
	return compileError((&file.Error{Location: bad.Location(), Message: msg}).Bind(prog.Source()))
}

func compileError(err error) *CompileError {
	var fe *file.Error
	if errors.As(err, &fe) {
		line, col := fe.Line, fe.Column+1
		if line == 0 { // not bound to the source: the start of the expression
			line, col = 1, 1
		}
		return &CompileError{Line: line, Column: col, Msg: fe.Message, Snippet: fe.Snippet}
	}
	return &CompileError{Line: 1, Column: 1, Msg: err.Error()}
}

// textAt returns expression from 1-based line and column on.
func textAt(expression string, line, column int) string {
	lines := strings.Split(expression, "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	rs := []rune(lines[line-1])
	if column < 1 || column > len(rs) {
		return ""
	}
	return string(rs[column-1:])
}
