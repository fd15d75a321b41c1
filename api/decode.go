package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/requestid"
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
			e := fault.Wrap(err, fault.Malformed, "")
			if path == "(body)" {
				e.Say("the body %s", reason)
			} else {
				e.Say("field %q %s", path, reason)
			}
			e.Fields = []fault.FieldError{{Field: path, Reason: reason.String(), Text: &reason}}
			return e
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

func malformed(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	e := fault.Wrap(err, fault.Malformed, "")
	switch {
	case errors.Is(err, io.EOF):
		e.Say("the body is empty; a JSON object is expected")
	case errors.Is(err, io.ErrUnexpectedEOF):
		e.Say("the body ends in the middle of a JSON value")
	case errors.As(err, &syn):
		e.Say("the body is not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ): // shapeError names these; this is the fallback
		e.Say("field %q has a value of the wrong kind", typ.Field)
	case errors.As(err, &big):
		e.Say("the body exceeds %d bytes", big.Limit)
	default:
		e.Say("the body is not valid JSON")
	}
	return e
}

// pathID reads a positive integer id from the path.
func pathID(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		e := fault.New(fault.Malformed, "%s must be a positive integer", name)
		e.Fields = []fault.FieldError{fault.Field(name, "must be a positive integer")}
		return 0, e
	}
	return id, nil
}

// methodNotAllowed answers 405: a transport matter with no fault kind.
func methodNotAllowed(c *gin.Context) {
	l := localizer(c)
	c.Header("Content-Type", ProblemContentType)
	c.AbortWithStatusJSON(http.StatusMethodNotAllowed, Problem{
		Type: "urn:tide:problem:method-not-allowed", Title: l.Word("Method not allowed"), Status: http.StatusMethodNotAllowed,
		Detail:   l.Text(fault.T("method %s is not allowed on %s", c.Request.Method, c.Request.URL.Path)),
		Instance: c.Request.URL.Path, RequestID: requestid.From(c.Request.Context()),
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
