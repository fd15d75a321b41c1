package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/store/dbtest"
)

// One resource's life through HTTP: in the public sea, applied for by an
// assistant under its new name, assigned by support with a name to correct,
// corrected, worked with notes, released, and picked by another rep. Its
// 360 tells the whole story in order, with the rule versions that decided.
func TestTheWholeStoryOfAResource(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	a1, rep1, rep2, rep3, support := s.login("assistant1"), s.login("rep1"), s.login("rep2"), s.login("rep3"), s.login("support")
	var me2 api.MeView
	rep2.Do("GET", "/api/v1/me", nil, 200, &me2)
	res := publicResource(t, rep1, "苏州旧名塑料厂", "0512-66440000", "13966440000")
	path := "/api/v1/resources/" + itoa(res.ID)

	var app api.ApplicationView
	a1.Do("POST", "/api/v1/applications", map[string]any{"type": "assistant_special", "for_rep_id": me2.ID,
		"reason": "the customer renamed", "proposed": proposal("苏州新名塑料制品有限公司", "0512-66441111")}, 201, &app)
	support.Do("POST", "/api/v1/applications/"+itoa(app.ID)+"/approve", map[string]any{"mode": "assign", "resource_id": res.ID}, 200, &app)
	rep2.Do("POST", path+"/notes", map[string]any{"channel": "phone", "summary": "called about the new name"}, 201, nil)
	rep2.Do("PATCH", path, map[string]any{"name": "苏州新名塑料制品有限公司"}, 200, nil)
	var visit api.NoteView
	rep2.Do("POST", path+"/notes", map[string]any{"channel": "visit", "summary": "visited the plant"}, 201, &visit)
	rep2.Do("POST", path+"/release", map[string]string{"reason": "they chose a competitor"}, 200, nil)
	// Within 24 hours, but no longer the owner: the note is not rep2's to change.
	rep2.Problem("PATCH", path+"/notes/"+itoa(visit.ID), map[string]any{"channel": "visit", "summary": "rewritten"}, 403)
	rep3.Do("POST", path+"/pick", nil, 200, nil)
	rep3.Do("POST", path+"/notes", map[string]any{"channel": "im", "summary": "introduced myself"}, 201, nil)

	var v api.View360
	rep3.Do("GET", path+"/360", nil, 200, &v)
	var got []string
	for _, e := range v.Story {
		step := e.Kind + ":" + e.Event
		if e.Rule != "" {
			if e.RuleVersion == "" {
				t.Errorf("%s names rule %s without its version", step, e.Rule)
			}
			step += "[" + e.Rule + "]"
		}
		got = append(got, step)
	}
	want := []string{
		"ownership:entry[protection.until]",
		"ownership:release",
		"application:filed",
		"application:approved[name_correction.deadline]",
		"ownership:assignment[protection.until]",
		"note:phone",
		"application:name_corrected",
		"edit:resource.identity",
		"note:visit",
		"ownership:release",
		"ownership:pick[protection.until]",
		"note:im",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("the story:\n got %v\nwant %v", got, want)
	}
	for _, e := range v.Story {
		if e.Event == "resource.identity" && !contains(e.Summary, "renamed 苏州旧名塑料厂 → 苏州新名塑料制品有限公司 (the name correction); search:") {
			t.Errorf("the correction tells %q", e.Summary)
		}
	}
	if len(v.Notes) != 3 || v.Notes[0].Summary != "introduced myself" || v.Notes[2].Author.Name != "Rep Two" {
		t.Errorf("notes, newest first: %+v", v.Notes)
	}
	if len(v.Applications) != 1 || v.Applications[0].State != "assigned" || len(v.Applications[0].History) != 3 {
		t.Errorf("applications: %+v", v.Applications)
	}
	if len(v.Deadlines) != 1 || v.Deadlines[0].Kind != "protection" || v.Deadlines[0].Rule != "protection.until" {
		t.Errorf("deadlines: %+v", v.Deadlines)
	}
	if v.Resource.Name != "苏州新名塑料制品有限公司" || v.Resource.Owner.Name != "Rep Three" || fmt.Sprint(len(v.History)) != "5" {
		t.Errorf("resource %+v, %d history entries", v.Resource, len(v.History))
	}
}
