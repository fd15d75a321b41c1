package workflows_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/testsuite"

	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/worker"
	"github.com/tide-crm/tide/workflows"
	"github.com/tide-crm/tide/workflows/contract"
)

// searchEnv runs ApplicationSearch with a search that fails `fails` times
// (every time when negative) before it answers.
func searchEnv(t *testing.T, fails int) (*testsuite.TestWorkflowEnvironment, *[]time.Time) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(reply)
	worker.Register(env, &activities.Activities{})
	var calls []time.Time
	env.OnActivity("SearchApplication", mock.Anything, mock.Anything).Return(
		func(_ context.Context, p contract.SearchParams) error {
			if p.ApplicationID != 5 {
				t.Errorf("search of %d", p.ApplicationID)
			}
			calls = append(calls, env.Now())
			if fails < 0 || len(calls) <= fails {
				return store.ErrSearchUnanswered
			}
			return nil
		})
	env.ExecuteWorkflow(workflows.ApplicationSearch, contract.ApplicationSearchInput{ApplicationID: 5})
	return env, &calls
}

// The search of an unprotected application is retried until it answers.
func TestApplicationSearchRetriesUntilTheSearchAnswers(t *testing.T) {
	env, calls := searchEnv(t, 3)
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("workflow: %v", env.GetWorkflowError())
	}
	if len(*calls) != 4 {
		t.Fatalf("%d searches, want 3 failures and 1 answer", len(*calls))
	}
}

// A search that never answers is retried with growing gaps, capped at a
// minute, and ends the workflow with the error, leaving the application
// unprotected. (The test environment stops retrying after ten attempts, so
// contract.SearchGiveUp itself is not reached here.)
func TestApplicationSearchBacksOff(t *testing.T) {
	env, calls := searchEnv(t, -1)
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() == nil {
		t.Fatal("a search that never answers should end the workflow with an error")
	}
	c := *calls
	if len(c) < 5 {
		t.Fatalf("%d tries", len(c))
	}
	for i := 2; i < len(c); i++ {
		prev, gap := c[i-1].Sub(c[i-2]), c[i].Sub(c[i-1])
		if gap < prev || gap > time.Minute {
			t.Fatalf("gaps %v then %v: want growing, at most a minute", prev, gap)
		}
	}
}
