// Package apitest is an HTTP client for tests of tide's API: it sends JSON,
// checks the status, decodes the answer and checks that every error is a
// complete problem+json document.
package apitest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
)

// Client calls one API server as one user (Token empty: anonymous).
type Client struct {
	T     testing.TB
	Base  string // e.g. http://127.0.0.1:8080
	Token string
	// Lang is the Accept-Language sent; "" sends "en", so tests can read
	// the English texts (tide answers Chinese by default).
	Lang string
}

// As returns a client for the same server with another token.
func (c Client) As(token string) Client { c.Token = token; return c }

// Login signs in and returns a client holding the token.
func (c Client) Login(username, password string) Client {
	c.T.Helper()
	var lr api.LoginResponse
	c.Do("POST", "/api/v1/auth/login", map[string]string{"username": username, "password": password}, 200, &lr)
	return c.As(lr.Token)
}

// Do sends body (nil, a string sent verbatim, or a value sent as JSON),
// fails the test unless the status is want (0: any status), and decodes the
// answer into out.
func (c Client) Do(method, path string, body any, want int, out any) *http.Response {
	c.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.T.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.Base+path, rd)
	if err != nil {
		c.T.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", cmp.Or(c.Lang, "en"))
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.T.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if want != 0 && resp.StatusCode != want {
		c.T.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.T.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
	return resp
}

// Problem sends a request that must fail with status want and returns its
// problem document, failing the test if the document is incomplete.
func (c Client) Problem(method, path string, body any, want int) api.Problem {
	c.T.Helper()
	var p api.Problem
	resp := c.Do(method, path, body, want, &p)
	if ct := resp.Header.Get("Content-Type"); ct != api.ProblemContentType {
		c.T.Errorf("%s %s: content type %q, want %s", method, path, ct, api.ProblemContentType)
	}
	if p.Status != want || !strings.HasPrefix(p.Type, "urn:tide:problem:") || p.Detail == "" || p.Title == "" {
		c.T.Errorf("%s %s: incomplete problem %+v", method, path, p)
	}
	return p
}
