package rules

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"
	"time"

	"github.com/expr-lang/expr/vm"
)

// Allowed is the answer of a rule point of result type "allowed"
// (pick.allowed). An expression answers true to allow; it refuses with a
// reason by calling deny("reason"), which stops evaluation there. An
// expression answering plain false refuses with DefaultReason.
type Allowed struct {
	OK     bool   `json:"ok"`
	Reason string `json:"reason,omitempty"`
}

// DefaultReason is the reason of a refusal by an expression answering
// false without deny.
const DefaultReason = "refused by rule"

// Result is the Go type of a rule's answer.
type Result interface {
	int | bool | time.Time | time.Duration | Allowed
}

// vms are reused across evaluations: a VM is not safe for concurrent use,
// and allocating one per evaluation costs more than the typical rule.
var vms = sync.Pool{New: func() any { return &vm.VM{} }}

// Eval evaluates the program in env, which must be the point's environment
// type (or a pointer to one). The answer is an int, bool, time.Time,
// time.Duration or Allowed as the point declares. Errors from functions
// (a bad duration string, a calendar without data) are returned, never
// panicked.
func (p *Program) Eval(env any) (any, error) {
	e, err := envValue(p.point, env)
	if err != nil {
		return nil, err
	}
	machine := vms.Get().(*vm.VM)
	machine.MemoryBudget = MemoryBudget
	out, err := machine.Run(p.prog, e)
	vms.Put(machine)
	if err != nil {
		var d *denial
		if p.point.Result == ResultAllowed && errors.As(err, &d) {
			return Allowed{Reason: d.reason}, nil
		}
		return nil, fmt.Errorf("rules: %s: %w", p.point.Name, err)
	}
	v, err := p.result(out)
	if err != nil {
		return nil, err
	}
	if err := p.inRange(e, v); err != nil {
		return nil, err
	}
	return v, nil
}

// result checks an answer against the declared type (an expression typed
// "unknown" at compile time is only checked here).
func (p *Program) result(out any) (any, error) {
	switch p.point.Result {
	case ResultInt:
		v := reflect.ValueOf(out)
		if v.IsValid() && v.CanInt() && v.Type() != reflect.TypeFor[time.Duration]() {
			return int(v.Int()), nil
		}
	case ResultBool:
		if b, ok := out.(bool); ok {
			return b, nil
		}
	case ResultAllowed:
		if b, ok := out.(bool); ok {
			if !b {
				return Allowed{Reason: DefaultReason}, nil
			}
			return Allowed{OK: true}, nil
		}
	case ResultTime:
		if t, ok := out.(time.Time); ok {
			return t, nil
		}
	case ResultDuration:
		if d, ok := out.(time.Duration); ok {
			return d, nil
		}
	}
	return nil, fmt.Errorf("rules: %s must answer %s, got %T", p.point.Name, p.point.Result, out)
}

// Decide evaluates p in env and returns its answer as T with the rule and
// version that made it, ready to be recorded (R22). T must match the point's
// result type, e.g. Decide[time.Time] for protection.until.
func Decide[T Result](p *Program, env any) (Decision[T], error) {
	out, err := p.Eval(env)
	if err != nil {
		return Decision[T]{}, err
	}
	v, ok := out.(T)
	if !ok {
		var zero T
		return Decision[T]{}, fmt.Errorf("rules: %s answers %s, not %T", p.point.Name, p.point.Result, zero)
	}
	version := ""
	if p.version > 0 {
		version = strconv.Itoa(p.version)
	}
	return Decision[T]{Value: v, Rule: p.point.Name, Version: version}, nil
}
