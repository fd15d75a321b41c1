package ruleset_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/store/dbtest"
)

// Within 60 days of the calendar's data running out the set warns, as a
// text the console translates; before that it is silent (R16).
func TestWarningsWhenTheCalendarRunsOut(t *testing.T) {
	set, err := ruleset.Open(context.Background(), openStore(t, dbtest.New(t)))
	if err != nil {
		t.Fatal(err)
	}
	end := set.Calendar().DataEnds()
	if ws := set.WarningTexts(end.Add(-61 * 24 * time.Hour)); len(ws) != 0 {
		t.Errorf("61 days before the end: %v", ws)
	}
	ws := set.WarningTexts(end.Add(-30 * 24 * time.Hour))
	if len(ws) != 1 || !strings.Contains(ws[0].String(), "(30 days left)") {
		t.Errorf("30 days before the end: %v", ws)
	}
	if got := set.Warnings(end.Add(-30 * 24 * time.Hour)); len(got) != 1 || got[0] != ws[0].String() {
		t.Errorf("the API's warnings %v differ from the texts %v", got, ws)
	}
}
