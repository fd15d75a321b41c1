package rules

import (
	"fmt"
	"sync"
	"testing"
)

func TestCacheCompilesEachVersionOnce(t *testing.T) {
	c := NewCache(newFakeCalendar())
	p1, err := c.Get("capacity.limit", 1, DefaultCapacityLimit)
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := c.Get("capacity.limit", 1, DefaultCapacityLimit)
	if p1 != p2 || c.compiles.Load() != 1 {
		t.Errorf("same version: %p %p, %d compiles", p1, p2, c.compiles.Load())
	}
	p3, _ := c.Get("capacity.limit", 2, `350`)
	if p3 == p1 || p3.Version() != 2 || c.compiles.Load() != 2 {
		t.Errorf("new version: %d compiles", c.compiles.Load())
	}
	if _, err := c.Get("capacity.limit", 1, `400`); err == nil {
		t.Error("a cached version answered for another expression")
	}
	// A broken version stays broken, without recompiling.
	for range 2 {
		if _, err := c.Get("capacity.limit", 3, `"300"`); err == nil {
			t.Error("a bad version compiled")
		}
	}
	if c.compiles.Load() != 3 {
		t.Errorf("%d compiles, want 3", c.compiles.Load())
	}
}

func TestCacheIsSafeForConcurrentUse(t *testing.T) {
	c := NewCache(newFakeCalendar())
	const versions = 4
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 64 {
		wg.Go(func() {
			v := g%versions + 1
			p, err := c.Get("capacity.limit", v, fmt.Sprintf("counts.private + %d", v))
			if err != nil {
				errs <- err
				return
			}
			got, err := Decide[int](p, CapacityEnv{Counts: Counts{Private: g}})
			if err != nil || got.Value != g+v || got.Version != fmt.Sprint(v) {
				errs <- fmt.Errorf("goroutine %d: %+v, %v", g, got, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := c.compiles.Load(); n != versions {
		t.Errorf("%d compiles, want %d", n, versions)
	}
}
