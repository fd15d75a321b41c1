package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// commands enters one resource per workflow command list, each command
// recorded in the entry's transaction.
func commands(t *testing.T, s *store.Store, owner int64, name string, cmds ...contract.Command) {
	t.Helper()
	_, err := s.EnterResource(context.Background(), entry(owner, name, "n"+name),
		func(resource.Resource) ([]contract.Command, error) { return cmds, nil })
	if err != nil {
		t.Fatal(err)
	}
}

func start(wf string, epoch int) contract.Command {
	return contract.Command{Kind: contract.CommandStart, WorkflowType: contract.WorkflowResource, WorkflowID: wf, Epoch: epoch}
}

// The outbox sends each workflow's commands in order — a batch takes only
// the first waiting for each workflow, so sends in parallel never overtake
// — two dispatchers at once send every command exactly once, and a refused
// command is kept, with its error, holding back its workflow's later ones.
func TestOutboxDispatch(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", "rep")
	for i := range 40 {
		wf := fmt.Sprintf("wf/%d", i%10) // ten workflows, four commands each
		commands(t, s, rep.ID, fmt.Sprintf("序%02d", i), start(wf, i/10+1))
	}
	var mu sync.Mutex
	seen := map[string][]int{}
	sends := 0
	send := func(p store.Pending) error {
		mu.Lock()
		defer mu.Unlock()
		seen[p.WorkflowID] = append(seen[p.WorkflowID], p.Epoch)
		sends++
		return nil
	}
	var wg sync.WaitGroup
	for range 2 { // two processes' dispatchers
		wg.Go(func() {
			for {
				n, err := s.Dispatch(ctx, "", 7, 4, send)
				if err != nil {
					t.Error(err)
					return
				}
				if n == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	if waiting, _, _ := s.OutboxLag(ctx); waiting != 0 {
		// A dispatcher may stop while the other holds a workflow's head; one
		// more pass takes what is left.
		if _, err := s.Dispatch(ctx, "", 100, 4, send); err != nil {
			t.Fatal(err)
		}
	}
	if sends != 40 {
		t.Errorf("%d sends for 40 commands", sends)
	}
	for wf, epochs := range seen {
		if !slices.Equal(epochs, []int{1, 2, 3, 4}) {
			t.Errorf("%s: sent in the order %v", wf, epochs)
		}
	}

	commands(t, s, rep.ID, "甲", start("wf/stuck", 1), start("wf/stuck", 2))
	commands(t, s, rep.ID, "乙", start("wf/free", 1))
	refuse := func(p store.Pending) error {
		if p.WorkflowID == "wf/stuck" {
			return errors.New("temporal is away")
		}
		return nil
	}
	if n, err := s.Dispatch(ctx, "", 10, 4, refuse); err != nil || n != 1 {
		t.Fatalf("a batch with a refused command: %d sent, %v; want the other workflow's one", n, err)
	}
	var attempts int
	var lastError string
	var next time.Time
	if err := raw[s].QueryRow(ctx, `SELECT attempts, last_error, next_at FROM outbox WHERE workflow_id = 'wf/stuck' ORDER BY id LIMIT 1`).
		Scan(&attempts, &lastError, &next); err != nil {
		t.Fatal(err)
	}
	if attempts != 1 || lastError != "temporal is away" || !next.After(time.Now()) {
		t.Errorf("the refused command: %d attempts, %q, next at %v", attempts, lastError, next)
	}
	if n, _ := s.Dispatch(ctx, "", 10, 4, send); n != 0 {
		t.Errorf("%d sent while the refused command backs off; its workflow's later one must wait", n)
	}
	seen = map[string][]int{}
	if n, err := s.Dispatch(ctx, "wf/stuck", 10, 1, send); err != nil || n != 2 || !slices.Equal(seen["wf/stuck"], []int{1, 2}) {
		t.Errorf("a flush of the workflow: %d sent (%v), in the order %v", n, err, seen["wf/stuck"])
	}
}
