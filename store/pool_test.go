package store_test

import (
	"context"
	"testing"

	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// The pools are as large as configured: the default, the URL's
// pool_max_conns, or WithPoolSize over both; the search's is half (≥ 4).
func TestPoolSizes(t *testing.T) {
	url := dbtest.New(t)
	for _, c := range []struct {
		name         string
		url          string
		opts         []store.Option
		main, search int32
	}{
		{"default", url, nil, store.DefaultPoolSize, store.DefaultPoolSize / 2},
		{"url", url + "&pool_max_conns=6", nil, 6, 4},
		{"setting", url + "&pool_max_conns=6", []store.Option{store.WithPoolSize(30)}, 30, 15},
		{"zero keeps", url, []store.Option{store.WithPoolSize(0)}, store.DefaultPoolSize, store.DefaultPoolSize / 2},
	} {
		s, err := store.Open(context.Background(), c.url, c.opts...)
		if err != nil {
			t.Fatal(err)
		}
		p := s.Pools()
		if p["main"].MaxConns() != c.main || p["search"].MaxConns() != c.search {
			t.Errorf("%s: main %d, search %d; want %d, %d", c.name, p["main"].MaxConns(), p["search"].MaxConns(), c.main, c.search)
		}
		s.Close()
	}
}
