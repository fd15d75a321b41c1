package e2e

import (
	"testing"

	enumspb "go.temporal.io/api/enums/v1"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/store/dbtest"
)

// A customer whose kind is unknown is protected twice (R7): two linked
// records, both counted; confirming the kind keeps one, closes the other
// and says why, and the keys follow the record kept.
func TestDualRecords(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, rep1, rep2 := s.login("admin"), s.login("rep1"), s.login("rep2")
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": "3"}, 201, &v)
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)

	body := enterBody("李四五金店", "0512-69990000", "13599990000")
	body["kind"] = "unknown"
	var ent api.ResourceView
	rep1.Do("POST", "/api/v1/resources", body, 201, &ent)
	if ent.Kind != "enterprise" || ent.TwinID == nil {
		t.Fatalf("dual entry answered %+v", ent)
	}
	var twin api.ResourceView
	rep1.Do("GET", "/api/v1/resources/"+itoa(*ent.TwinID), nil, 200, &twin)
	if twin.Kind != "individual" || twin.TwinOf == nil || *twin.TwinOf != ent.ID || twin.Sea != "private" {
		t.Fatalf("twin %+v", twin)
	}
	var mine api.ResourceList
	rep1.Do("GET", "/api/v1/resources?sea=mine", nil, 200, &mine)
	if len(mine.Items) != 2 {
		t.Fatalf("rep1 holds %d records, want 2", len(mine.Items))
	}
	// Capacity counts both: with 2 of 3 held, another dual entry does not fit.
	other := enterBody("王五电器店", "0512-69990001", "13599990001")
	other["kind"] = "unknown"
	if p := rep1.Problem("POST", "/api/v1/resources", other, 409); p.Rule != "capacity.limit" {
		t.Errorf("second dual entry: %+v", p)
	}
	// The twins share numbers without colliding; others collide with the pair once.
	var res api.SearchResponse
	rep2.Do("POST", "/api/v1/collisions/search", map[string]any{"numbers": []map[string]string{{"type": "mobile", "value": "13599990000"}}}, 200, &res)
	if len(res.Hits) != 1 || res.Hits[0].ResourceID != ent.ID {
		t.Fatalf("search before confirming: %+v", res.Hits)
	}

	rep2.Problem("POST", "/api/v1/resources/"+itoa(ent.ID)+"/confirm-kind", map[string]string{"kind": "individual"}, 403)
	rep1.Problem("POST", "/api/v1/resources/"+itoa(ent.ID)+"/confirm-kind", map[string]string{"kind": "both"}, 422)
	entRun, _ := s.workflowStatus(ent.ID)
	var kept api.ResourceView
	rep1.Do("POST", "/api/v1/resources/"+itoa(ent.ID)+"/confirm-kind", map[string]string{"kind": "individual"}, 200, &kept)
	if kept.ID != twin.ID || kept.Sea != "private" || kept.Kind != "individual" {
		t.Fatalf("kept %+v", kept)
	}
	var closed api.ResourceView
	rep1.Do("GET", "/api/v1/resources/"+itoa(ent.ID), nil, 200, &closed)
	if closed.Sea != "closed" || closed.Owner != nil {
		t.Fatalf("the given-up record %+v", closed)
	}
	// A closed record has no owner: its history is sales support's to read
	// (it would show the kept record's story to whoever held it once).
	rep1.Problem("GET", "/api/v1/resources/"+itoa(ent.ID)+"/history", nil, 403)
	var hist struct{ Items []api.HistoryView }
	s.login("support").Do("GET", "/api/v1/resources/"+itoa(ent.ID)+"/history", nil, 200, &hist)
	last := hist.Items[len(hist.Items)-1]
	if last.Path != "confirm_kind" || !contains(last.Reason, "individual") || last.From.Name != "Rep One" || last.To != nil {
		t.Errorf("closing history %+v", last)
	}
	if st := s.waitClosed(ent.ID, entRun); st != enumspb.WORKFLOW_EXECUTION_STATUS_TERMINATED {
		t.Errorf("the closed record's protection is %v", st)
	}
	res = api.SearchResponse{}
	rep2.Do("POST", "/api/v1/collisions/search", map[string]any{"numbers": []map[string]string{{"type": "mobile", "value": "13599990000"}}}, 200, &res)
	if len(res.Hits) != 1 || res.Hits[0].ResourceID != twin.ID {
		t.Errorf("the keys did not follow the kept record: %+v", res.Hits)
	}
	rep1.Problem("POST", "/api/v1/resources/"+itoa(twin.ID)+"/confirm-kind", map[string]string{"kind": "individual"}, 409)
	mine = api.ResourceList{}
	rep1.Do("GET", "/api/v1/resources?sea=mine", nil, 200, &mine)
	if len(mine.Items) != 1 || mine.Items[0].ID != twin.ID {
		t.Errorf("after confirming rep1 holds %+v", mine.Items)
	}
}
