package store

import (
	"strconv"
	"strings"
)

// conds builds a WHERE clause from fixed conditions and their arguments;
// each ? in a condition stands for the next argument, numbered in order.
// Values never enter the SQL text.
type conds struct {
	where []string
	args  []any
}

// add appends cond with one argument per ?.
func (c *conds) add(cond string, args ...any) {
	for _, a := range args {
		c.args = append(c.args, a)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(c.args)), 1)
	}
	c.where = append(c.where, cond)
}

// sql is the conjunction of the conditions ("true" for none).
func (c *conds) sql() string {
	if len(c.where) == 0 {
		return "true"
	}
	return strings.Join(c.where, " AND ")
}

// next is the placeholder of one more argument, appended.
func (c *conds) next(v any) string {
	c.args = append(c.args, v)
	return "$" + strconv.Itoa(len(c.args))
}
