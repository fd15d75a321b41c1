package e2e

// The judge of TestFuzzAPI: every answer is validated against the OpenAPI
// document with kin-openapi's openapi3filter (status declared by the
// operation, content type, body schema), and a 5xx is a failure whatever
// the document says. Failures are grouped so that each distinct one is
// reported once, with the smallest request that showed it.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// answer is what the server said to a request.
type answer struct {
	status int
	header http.Header
	body   []byte
	err    error    // the request got no answer
	logged []string // what the server logged as an error while answering
}

// verdict is one way an answer broke the document; key groups equal ones.
type verdict struct {
	kind, key, reason string
}

var index = regexp.MustCompile(`/\d+(/|$)`)

// judge validates a against the document for rq's operation.
func judge(doc *openapi3.T, rq *request, a answer) []verdict {
	op := rq.op.String()
	if a.err != nil {
		return []verdict{{"no answer", op + " no answer " + rq.tag, a.err.Error()}}
	}
	if a.status >= 500 {
		return []verdict{{"server error", fmt.Sprintf("%s %d %s", op, a.status, rq.tag), strings.Join(a.logged, "; ")}}
	}
	at := fmt.Sprintf("%s %d", op, a.status)
	declared := rq.op.op.Responses.Status(a.status)
	if declared == nil { // kin-openapi would let a redirect through
		return []verdict{{"undeclared status", at, "the operation declares no " + strconv.Itoa(a.status)}}
	}
	httpReq, _ := http.NewRequest(rq.op.method, "http://tide"+rq.url(), nil)
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: httpReq, Route: &routers.Route{
			Spec: doc, Path: rq.op.path, PathItem: rq.op.item, Method: rq.op.method, Operation: rq.op.op}},
		Status: a.status, Header: a.header, Body: io.NopCloser(bytes.NewReader(a.body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	err := openapi3filter.ValidateResponse(context.Background(), in)
	if err == nil {
		// kin-openapi lets any body through where the document declares none.
		if len(declared.Value.Content) == 0 && len(bytes.TrimSpace(a.body)) > 0 {
			return []verdict{{"undeclared body", at + " body", "the document declares no body, the server sent " +
				a.header.Get("Content-Type")}}
		}
		return nil
	}
	var re *openapi3filter.ResponseError
	if !errors.As(err, &re) {
		return []verdict{{"invalid answer", at + " " + err.Error(), err.Error()}}
	}
	switch {
	case re.Reason == "status is not supported":
		return []verdict{{"undeclared status", at, "the operation declares no " + strconv.Itoa(a.status)}}
	case strings.Contains(re.Reason, "Content-Type"):
		return []verdict{{"wrong content type", at + " " + a.header.Get("Content-Type"), re.Reason}}
	}
	var out []verdict
	for _, se := range schemaErrors(re.Err) {
		ptr := "/" + strings.Join(se.JSONPointer(), "/")
		where := index.ReplaceAllString(ptr, "/*$1")
		out = append(out, verdict{"schema break", fmt.Sprintf("%s %s %s", at, where, se.SchemaField),
			fmt.Sprintf("%s: %s (got %s)", ptr, se.Reason, short(fmt.Sprintf("%#v", se.Value), 80))})
	}
	if len(out) == 0 {
		out = append(out, verdict{"schema break", at + " " + re.Reason, re.Error()})
	}
	return out
}

// schemaErrors flattens the errors of a body validation.
func schemaErrors(err error) []*openapi3.SchemaError {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []*openapi3.SchemaError
		for _, e := range me {
			out = append(out, schemaErrors(e)...)
		}
		return out
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		return []*openapi3.SchemaError{se}
	}
	return nil
}

// finding is one distinct failure: how often, and the smallest request.
type finding struct {
	verdict
	count  int
	rq     *request
	answer answer
}

func (f *finding) size() int { return len(f.rq.url()) + len(f.rq.bodyBytes()) }

type findings struct {
	byKey map[string]*finding
	order []string
}

func (fs *findings) add(rq *request, a answer, vs []verdict) {
	for _, v := range vs {
		f := fs.byKey[v.key]
		if f == nil {
			f = &finding{verdict: v, rq: rq, answer: a}
			fs.byKey[v.key] = f
			fs.order = append(fs.order, v.key)
		}
		f.count++
		if size := len(rq.url()) + len(rq.bodyBytes()); size < f.size() {
			f.verdict, f.rq, f.answer = v, rq, a
		}
	}
}

// String tells a finding with the request that reproduces it.
func (f *finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s ×%d: %s\n", f.kind, f.count, f.key)
	fmt.Fprintf(&b, "    why: %s\n", short(f.reason, 600))
	tag := f.rq.tag
	if f.rq.where != "" {
		tag += " at " + f.rq.where
	}
	fmt.Fprintf(&b, "    request (%s, %s): %s %s", f.rq.who.name, tag, f.rq.op.method, short(f.rq.url(), 300))
	if body := f.rq.bodyBytes(); body != nil {
		fmt.Fprintf(&b, " body %s", short(string(body), 400))
	}
	if f.answer.err == nil {
		fmt.Fprintf(&b, "\n    answer: %d %s %s", f.answer.status, f.answer.header.Get("Content-Type"), short(string(f.answer.body), 400))
	}
	return b.String()
}

// short abbreviates s for a report, saying how long it was, and quotes it
// when it holds what a terminal would not show.
func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strconv.Quote(string(r[:n])) + fmt.Sprintf("… (%d bytes in all)", len(s))
	}
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0 || !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	return s
}
