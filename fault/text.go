package fault

import "fmt"

// Text is a message for people that can be translated: an English format —
// the message catalogue's key — and its arguments, formatted with fmt. An
// argument that is itself a Text is translated too, so a message can be
// built from phrases ("must be %s" with "an object with the fields %s").
type Text struct {
	Format string
	Args   []any
}

// T returns the Text of format and args.
func T(format string, args ...any) Text { return Text{Format: format, Args: args} }

// String is the message in English.
func (t Text) String() string { return t.In(func(format string) string { return format }) }

// In is the message with every format (its own and its Text arguments')
// replaced by translate's answer for it.
func (t Text) In(translate func(format string) string) string {
	if len(t.Args) == 0 {
		return translate(t.Format)
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		if sub, ok := a.(Text); ok {
			a = sub.In(translate)
		}
		args[i] = a
	}
	return fmt.Sprintf(translate(t.Format), args...)
}
