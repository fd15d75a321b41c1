package workflows_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/testsuite"

	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/workcal"
	"github.com/tide-crm/tide/worker"
	"github.com/tide-crm/tide/workflows"
)

// A reply on Fri 2026-02-13 gives until the end of Tue 2026-02-24 on the
// official calendar (Spring Festival 2026); without an entry the approval
// lapses at 2026-02-25 00:00 China time, not a moment earlier.
func TestApplicationLapsesAtTheEndOfTheSecondWorkingDay(t *testing.T) {
	reply := time.Date(2026, 2, 13, 17, 30, 0, 0, rules.Shanghai)
	deadline, err := workcal.Official().WorkdaysAfter(reply, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 2, 25, 0, 0, 0, 0, rules.Shanghai); !deadline.Equal(want) {
		t.Fatalf("deadline %v, want %v", deadline, want)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(reply)
	worker.Register(env, &activities.Activities{})
	var lapsed []time.Time
	env.OnActivity("LapseApplication", mock.Anything, mock.Anything).Return(
		func(_ context.Context, p activities.LapseParams) error {
			if p.ApplicationID != 9 {
				t.Errorf("lapse of %d", p.ApplicationID)
			}
			lapsed = append(lapsed, env.Now())
			return nil
		})
	env.ExecuteWorkflow(workflows.Application, workflows.ApplicationInput{ApplicationID: 9, Deadline: deadline})
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("workflow: %v", env.GetWorkflowError())
	}
	if len(lapsed) != 1 || !lapsed[0].Equal(deadline) {
		t.Fatalf("lapsed at %v, want once at %v", lapsed, deadline)
	}
}
