package workflows_test

import (
	"path/filepath"
	"testing"

	sdkworker "go.temporal.io/sdk/worker"

	"github.com/tide-crm/tide/worker"
)

// The committed histories were recorded on the embedded server by
// `go test ./e2e -run . -update`. Replaying them proves the workflow code
// still makes the same decisions for runs already in flight: a change that
// breaks determinism fails here before it reaches a running system.
func TestReplayCommittedHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	// *_v0.json were recorded before reminders and signing (version
	// DefaultVersion of "reminder-and-sign"); the others after.
	if len(files) < 4 {
		t.Fatalf("found %d histories under testdata, want the release and the expiry of both versions", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := sdkworker.NewWorkflowReplayer()
			worker.RegisterWorkflows(r)
			if err := r.ReplayWorkflowHistoryFromJSONFile(nil, f); err != nil {
				t.Fatal(err)
			}
		})
	}
}
