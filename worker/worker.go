// Package worker registers tide's workflows and activities on a Temporal
// worker and sets its options.
package worker

import (
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/workflows"
	"github.com/tide-crm/tide/workflows/contract"
)

// New returns a worker on tide's task queue with every workflow and activity
// registered. The caller starts and stops it.
func New(c client.Client, acts *activities.Activities) sdkworker.Worker {
	w := sdkworker.New(c, contract.TaskQueue, sdkworker.Options{})
	Register(w, acts)
	return w
}

// Register adds tide's workflows and activities to a worker or a test
// environment.
func Register(r sdkworker.Registry, acts *activities.Activities) {
	RegisterWorkflows(r)
	r.RegisterActivity(acts)
}

// RegisterWorkflows adds tide's workflows under stable names; replayers need
// no more than this.
func RegisterWorkflows(r sdkworker.WorkflowRegistry) {
	r.RegisterWorkflowWithOptions(workflows.Resource, workflow.RegisterOptions{Name: contract.WorkflowResource})
	r.RegisterWorkflowWithOptions(workflows.Application, workflow.RegisterOptions{Name: contract.WorkflowApplication})
	r.RegisterWorkflowWithOptions(workflows.ApplicationSearch, workflow.RegisterOptions{Name: contract.WorkflowApplicationSearch})
	r.RegisterWorkflowWithOptions(workflows.ApplicationReview, workflow.RegisterOptions{Name: contract.WorkflowApplicationReview})
}
