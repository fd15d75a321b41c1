package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/fault"
)

// maxBody bounds a request body; tide's requests are small.
const maxBody = 1 << 20

// decode reads the JSON body into v, refusing unknown fields, trailing data
// and oversized bodies with a Malformed fault that says what was wrong and
// where (shape.go), and texts holding NUL with an Invalid one.
func decode(c *gin.Context, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBody))
	if err != nil {
		return malformed(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if path, reason, ok := shapeError(raw, reflect.TypeOf(v)); ok {
			return &fault.Error{Kind: fault.Malformed, Detail: fmt.Sprintf("%s %s", quoteField(path), reason),
				Fields: []fault.FieldError{{Field: path, Reason: reason}}, Err: err}
		}
		return malformed(err)
	}
	if dec.More() {
		return fault.New(fault.Malformed, "the body holds more than one JSON value")
	}
	if bad := textFields(v); bad != nil {
		return fault.Invalidf(bad, "text may not contain NUL characters")
	}
	return nil
}

func quoteField(path string) string {
	if path == "(body)" {
		return "the body"
	}
	return "field " + strconv.Quote(path)
}

func malformed(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	e := fault.Wrap(err, fault.Malformed, "the body is not valid JSON: "+err.Error())
	switch {
	case errors.Is(err, io.EOF):
		e.Detail = "the body is empty; a JSON object is expected"
	case errors.Is(err, io.ErrUnexpectedEOF):
		e.Detail = "the body ends in the middle of a JSON value"
	case errors.As(err, &syn):
		e.Detail = fmt.Sprintf("the body is not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ): // shapeError names these; this is the fallback
		e.Detail = fmt.Sprintf("field %q has a value of the wrong kind", typ.Field)
	case errors.As(err, &big):
		e.Detail = fmt.Sprintf("the body exceeds %d bytes", big.Limit)
	}
	return e
}

// pathID reads a positive integer id from the path.
func pathID(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &fault.Error{Kind: fault.Malformed, Detail: name + " must be a positive integer",
			Fields: []fault.FieldError{{Field: name, Reason: "must be a positive integer"}}}
	}
	return id, nil
}

func notFound(detail string) error { return fault.New(fault.NotFound, "%s", detail) }

// methodNotAllowed answers 405: a transport matter with no fault kind.
func methodNotAllowed(c *gin.Context) {
	c.Header("Content-Type", ProblemContentType)
	c.AbortWithStatusJSON(http.StatusMethodNotAllowed, Problem{
		Type: "urn:tide:problem:method-not-allowed", Title: "Method not allowed", Status: http.StatusMethodNotAllowed,
		Detail: "method " + c.Request.Method + " is not allowed on " + c.Request.URL.Path, Instance: c.Request.URL.Path,
	})
}

// bind reads the path's id and the JSON body into v; on failure it answers
// the problem itself and reports false.
func bind(c *gin.Context, v any) (int64, bool) {
	id, err := pathID(c, "id")
	if err == nil {
		err = decode(c, v)
	}
	if err != nil {
		fail(c, err)
		return 0, false
	}
	return id, true
}

// reasonRequest is the body of the calls that need only a reason.
type reasonRequest struct {
	Reason string `json:"reason"`
}
