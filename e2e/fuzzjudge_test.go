package e2e

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/tide-crm/tide/api"
)

// The judge of TestFuzzAPI, on made-up answers: what the document describes
// passes; an undeclared status, a body off its schema, a wrong content type,
// a body where none is declared and any 5xx fail, each as what it is. (A
// judge that passed everything would make the fuzz test pass too.)
func TestFuzzJudge(t *testing.T) {
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]*operation{}
	for _, o := range operations(doc) {
		ops[o.String()] = o
	}
	me := &request{op: ops["GET /api/v1/me"], path: "/api/v1/me", query: url.Values{}, tag: "valid"}
	read := &request{op: ops["POST /api/v1/notifications/{id}/read"], path: "/api/v1/notifications/1/read", query: url.Values{}, tag: "valid"}
	answerOf := func(status int, contentType, body string) answer {
		return answer{status: status, header: http.Header{"Content-Type": {contentType}}, body: []byte(body)}
	}
	const user = `{"id":1,"username":"rep1","name":"Rep One","role":"rep","email":null}`
	unauthenticated := `{"type":"urn:tide:problem:unauthenticated","title":"Authentication required","status":401,"detail":"no token"}`
	for _, c := range []struct {
		name string
		rq   *request
		a    answer
		want string // the kind of the verdict; "" none
	}{
		{"declared", me, answerOf(200, "application/json; charset=utf-8", user), ""},
		{"declared problem", me, answerOf(401, api.ProblemContentType, unauthenticated), ""},
		{"no content, none declared", read, answerOf(204, "", ""), ""},
		{"undeclared status", me, answerOf(404, api.ProblemContentType, `{"type":"x","title":"x","status":404,"detail":"x"}`), "undeclared status"},
		{"outside an enum", me, answerOf(200, "application/json", `{"id":1,"username":"rep1","name":"Rep One","role":"boss"}`), "schema break"},
		{"missing a required property", me, answerOf(200, "application/json", `{"id":1,"name":"Rep One","role":"rep"}`), "schema break"},
		{"problem status unlike the answer's", me, answerOf(401, api.ProblemContentType, `{"type":"x","title":"x","status":403,"detail":"x"}`), "schema break"},
		{"wrong content type", me, answerOf(200, "text/html", user), "wrong content type"},
		{"undeclared body", read, answerOf(204, "application/json", `{"ok":true}`), "undeclared body"},
		{"server error", me, answerOf(500, api.ProblemContentType, `{"type":"urn:tide:problem:internal"}`), "server error"},
		{"no answer", me, answer{err: http.ErrHandlerTimeout}, "no answer"},
	} {
		vs := judge(doc, c.rq, c.a)
		switch {
		case c.want == "" && len(vs) > 0:
			t.Errorf("%s: judged %+v", c.name, vs)
		case c.want != "" && (len(vs) == 0 || vs[0].kind != c.want):
			t.Errorf("%s: judged %+v, want %s", c.name, vs, c.want)
		}
	}
}
