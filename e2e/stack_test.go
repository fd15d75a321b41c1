// Package e2e runs tide whole: the embedded Temporal server on SQLite, the
// worker, the API over real HTTP, and PostgreSQL. It is the one test package
// that links the Temporal server.
package e2e

import (
	"context"
	"errors"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/workflows/contract"
)

// system is one running tide on its own database and Temporal state.
type system struct {
	t       *testing.T
	stack   *devserver.Stack
	dbURL   string
	dataDir string
}

// start runs tide on dbURL and dataDir; stop it with stop (or at cleanup).
func start(t *testing.T, dbURL, dataDir string) *system {
	t.Helper()
	return startOn(t, dbURL, dataDir, nil)
}

// startOn runs tide as start does, with Temporal's state in PostgreSQL when
// pg is set.
func startOn(t *testing.T, dbURL, dataDir string, pg *devserver.PostgresStore) *system {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := devserver.Start(ctx, devserver.Options{
		DatabaseURL: dbURL, DataDir: dataDir, Addr: "127.0.0.1:0", Namespace: "default", TokenTTL: time.Hour, TemporalPostgres: pg,
		DemoPassword: "tide-demo", DemoCost: bcrypt.MinCost,
	})
	if err != nil {
		t.Fatalf("start tide: %v", err)
	}
	s := &system{t: t, stack: st, dbURL: dbURL, dataDir: dataDir}
	t.Cleanup(s.stop)
	return s
}

func (s *system) stop() {
	if s.stack == nil {
		return
	}
	if err := s.stack.Stop(context.Background()); err != nil {
		s.t.Errorf("stop tide: %v", err)
	}
	s.stack = nil
}

func (s *system) anon() apitest.Client {
	return apitest.Client{T: s.t, Base: "http://" + s.stack.HTTP.Addr}
}

func (s *system) login(username string) apitest.Client { return s.anon().Login(username, "tide-demo") }

// workflowStatus describes the current run of resource/<id>, waiting for
// the outbox to have started it (a move answers once it committed): while
// the resource is in a private sea, the run of its current epoch.
func (s *system) workflowStatus(id int64) (runID string, status enumspb.WorkflowExecutionStatus) {
	s.t.Helper()
	want := 0
	if r, err := s.stack.App.Store.GetResource(context.Background(), id); err == nil && r.Sea == resource.SeaPrivate {
		want = r.Epoch
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		info := describe(s.t, s.stack.App.Temporal, contract.ResourceWorkflowID(id)).GetWorkflowExecutionInfo()
		var epoch int
		if f := info.GetMemo().GetFields()["epoch"]; f != nil {
			_ = converter.GetDefaultDataConverter().FromPayload(f, &epoch)
		}
		if epoch >= want || time.Now().After(deadline) {
			return info.GetExecution().GetRunId(), info.GetStatus()
		}
	}
}

// describe describes the latest run of a workflow, waiting (30 s at most)
// for the outbox to have started it: a move answers once it committed, and
// its workflow starts behind the answer.
func describe(t *testing.T, tc client.Client, workflowID string) *workflowservice.DescribeWorkflowExecutionResponse {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		d, err := tc.DescribeWorkflowExecution(context.Background(), workflowID, "")
		var notFound *serviceerror.NotFound
		if errors.As(err, &notFound) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		if err != nil {
			t.Fatalf("describe %s: %v", workflowID, err)
		}
		return d
	}
}

// waitClosed waits until the run of resource/<id> has closed and returns
// its status.
func (s *system) waitClosed(id int64, runID string) enumspb.WorkflowExecutionStatus {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		d, err := s.stack.App.Temporal.DescribeWorkflowExecution(context.Background(), contract.ResourceWorkflowID(id), runID)
		if err != nil {
			s.t.Fatal(err)
		}
		if st := d.GetWorkflowExecutionInfo().GetStatus(); st != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
			return st
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("resource/%d run %s still running after 30s", id, runID)
	return 0
}
