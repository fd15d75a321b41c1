package e2e

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/store/dbtest"
)

// seaCase is a resource in one sea state and the digits that only those who
// see it whole may read: the last eight digits of each of its numbers (a
// public view keeps the last four) and its contact's title.
type seaCase struct {
	state   string
	id      int64
	secrets []string
	contact string // the contact's name: shown in a public view, not in a collision view
}

// Who sees what is decided by who asks, never by which sea is left out: for
// every sea state (private, signed, public, closed) and every identity,
// every route that returns a resource shows it whole to its owner, sales
// support and admins, with masked numbers in the public sea, and otherwise
// as a collision answer (id, name, sea, owner) — a closed twin showed the
// kept record's numbers to every rep before.
func TestSightOverEverySeaStateAndRoute(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1 := s.login("rep1")
	enter := func(name, landline, mobile, contact string) api.ResourceView {
		b := enterBody(name, landline, mobile)
		b["contacts"] = []map[string]string{{"name": contact, "title": "秘书长" + contact, "mobile": mobile}}
		var r api.ResourceView
		rep1.Do("POST", "/api/v1/resources", b, 201, &r)
		return r
	}
	private := enter("苏州视界精密电子有限公司", "0512-61110001", "13911110001", "甲经理")
	signed := enter("苏州视界二号机械有限公司", "0512-61110002", "13911110002", "乙经理")
	rep1.Do("POST", "/api/v1/resources/"+itoa(signed.ID)+"/sign", nil, 200, nil)
	public := enter("苏州视界三号五金有限公司", "0512-61110003", "13911110003", "丙经理")
	rep1.Do("POST", "/api/v1/resources/"+itoa(public.ID)+"/release", map[string]string{"reason": "预算没有"}, 200, nil)
	dual := enterBody("视界四号电器店", "0512-61110004", "13911110004")
	dual["kind"] = "unknown"
	dual["contacts"] = []map[string]string{{"name": "丁老板", "title": "秘书长丁老板", "mobile": "13911110004"}}
	var ent api.ResourceView
	rep1.Do("POST", "/api/v1/resources", dual, 201, &ent)
	rep1.Do("POST", "/api/v1/resources/"+itoa(ent.ID)+"/confirm-kind", map[string]string{"kind": "enterprise"}, 200, nil)
	var closed api.ResourceView
	rep1.Do("GET", "/api/v1/resources/"+itoa(*ent.TwinID), nil, 200, &closed)
	if closed.Sea != "closed" {
		t.Fatalf("the given-up twin is %q, want closed", closed.Sea)
	}
	secrets := func(n string) []string { return []string{"6111000" + n, "1111000" + n, "秘书长"} }
	cases := []seaCase{
		{"private", private.ID, secrets("1"), "甲经理"},
		{"signed", signed.ID, secrets("2"), "乙经理"},
		{"public", public.ID, secrets("3"), "丙经理"},
		{"closed", closed.ID, secrets("4"), "丁老板"},
	}

	for _, who := range []string{"rep1", "rep2", "assistant1", "support", "admin"} {
		c := s.login(who)
		for _, sc := range cases {
			for _, path := range []string{
				"/api/v1/resources/" + itoa(sc.id),
				"/api/v1/resources/" + itoa(sc.id) + "/360",
				"/api/v1/resources/" + itoa(sc.id) + "/history",
				"/api/v1/resources/" + itoa(sc.id) + "/notes",
				"/api/v1/resources?number=0512-" + sc.secrets[0][:8],
				"/api/v1/resources?sea=public&q=视界",
			} {
				state := sc.state
				if state == "closed" && strings.Contains(path, "number=") {
					state = "private" // the number finds the kept twin, which holds the keys
				}
				sight := sightOf(who, state)
				status, body := send(t, c, "GET", path, "")
				if sight == "whole" && path == "/api/v1/resources/"+itoa(sc.id) && !strings.Contains(body, sc.secrets[0]) {
					t.Errorf("%s sees %s (%s) whole, but not its number: %s", who, path, sc.state, body)
				}
				checkSight(t, fmt.Sprintf("%s GET %s (%s, %s)", who, path, sc.state, sight), status, body, sight, sc.secrets, sc.contact)
			}
			// Writes by someone who does not hold the resource are refused, and the
			// refusal shows no more than the collision sight either.
			if who == "rep2" || who == "assistant1" {
				writes := [][3]string{
					{"PATCH", "", `{"region":"苏州"}`},
					{"POST", "/release", `{"reason":"x"}`},
					{"POST", "/sign", ``},
					{"POST", "/confirm-kind", `{"kind":"individual"}`},
					{"POST", "/contacts", `{"name":"某人","mobile":"13900001111"}`},
					{"POST", "/notes", `{"channel":"phone","summary":"x"}`},
				}
				if sc.state != "public" {
					writes = append(writes, [3]string{"POST", "/pick", ``})
				}
				for _, w := range writes {
					status, body := send(t, c, w[0], "/api/v1/resources/"+itoa(sc.id)+w[1], w[2])
					if status < 400 {
						t.Errorf("%s %s …%s on %s: %d, want a refusal", who, w[0], w[1], sc.state, status)
					}
					checkSight(t, fmt.Sprintf("%s %s …%s (%s)", who, w[0], w[1], sc.state), status, body, "collision", sc.secrets, sc.contact)
				}
			}
			// A collision answer echoes the number searched and shows no more than
			// the collision sight, whoever asks.
			status, body := send(t, c, "POST", "/api/v1/collisions/search",
				`{"numbers":[{"type":"landline","value":"0512-`+sc.secrets[0][:8]+`"}]}`)
			checkSight(t, fmt.Sprintf("%s collision search (%s)", who, sc.state), status, body, "collision", sc.secrets[1:], sc.contact)
		}
	}
}

// sightOf is what the test expects who to see of a resource in state:
// rep1 entered every resource, so holds the private and signed ones.
func sightOf(who, state string) string {
	switch {
	case who == "support" || who == "admin":
		return "whole"
	case who == "rep1" && (state == "private" || state == "signed"):
		return "whole"
	case state == "public":
		return "public"
	}
	return "collision"
}

// checkSight fails when body — an answer or a refusal — shows one of
// secrets, or the contact's name in a collision sight.
func checkSight(t *testing.T, what string, status int, body, sight string, secrets []string, contact string) {
	t.Helper()
	if status >= 500 {
		t.Errorf("%s: status %d: %s", what, status, body)
		return
	}
	if sight == "whole" && status == http.StatusOK {
		return
	}
	for _, secret := range secrets {
		if strings.Contains(body, secret) {
			t.Errorf("%s: shows %q: %s", what, secret, body)
		}
	}
	if sight == "collision" && strings.Contains(body, contact) {
		t.Errorf("%s: shows the contact %q: %s", what, contact, body)
	}
}

// send sends a request and returns the status and body, whatever they are.
func send(t *testing.T, c apitest.Client, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, c.Base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
