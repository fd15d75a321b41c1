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

// DefaultWorkflowCache is how many workflow executions a worker process
// keeps in memory when not told otherwise. A protection waits weeks between
// events, so an execution evicted from the cache costs one replay of a
// short history when its next timer fires; each cached one holds a
// goroutine and its state. Temporal's own default is 10,000.
const DefaultWorkflowCache = 2000

// WorkflowTaskPollers is how many requests for workflow tasks a worker keeps
// open; Temporal's default is 2, and half of them wait on the worker's sticky
// queue, so one was left for the first task of every new workflow. With 10,
// 6,000 protections had their first task run in 181 s instead of 201 s on
// PostgreSQL (docs/BENCHMARKS.md, "Scale of one box").
const WorkflowTaskPollers = 10

// New returns a worker on tide's task queue with every workflow and activity
// registered. The caller starts and stops it. cache bounds the workflow
// executions kept in memory (≤ 0: DefaultWorkflowCache); the cache is the
// process's, shared by its workers, and sized by the first worker started.
func New(c client.Client, acts *activities.Activities, cache int) sdkworker.Worker {
	if cache <= 0 {
		cache = DefaultWorkflowCache
	}
	sdkworker.SetStickyWorkflowCacheSize(cache)
	w := sdkworker.New(c, contract.TaskQueue, sdkworker.Options{MaxConcurrentWorkflowTaskPollers: WorkflowTaskPollers})
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
	r.RegisterWorkflowWithOptions(workflows.Import, workflow.RegisterOptions{Name: contract.WorkflowImport})
}
