package config

import (
	"flag"
	"testing"
	"time"
)

func TestEnvironmentGivesDefaultsAndFlagsWin(t *testing.T) {
	t.Setenv("TIDE_ADDR", "0.0.0.0:9000")
	t.Setenv("TIDE_TEMPORAL_PORT", "7300")
	t.Setenv("TIDE_TOKEN_TTL", "30m")
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c := Register(fs, HTTP|Embedded)
	if err := fs.Parse([]string{"-temporal-port", "7400"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:9000" || c.TemporalPort != 7400 || c.TokenTTL != 30*time.Minute || c.TemporalUIPort != 8233 {
		t.Errorf("config %+v", c)
	}
	if c.Err() != nil {
		t.Errorf("unexpected error %v", c.Err())
	}
}

func TestPoolAndWorkflowCacheSettings(t *testing.T) {
	t.Setenv("TIDE_DB_POOL", "32")
	t.Setenv("TIDE_WORKFLOW_CACHE", "500")
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c := Register(fs, Database|Pool|Worker)
	if err := fs.Parse([]string{"-workflow-cache", "800"}); err != nil {
		t.Fatal(err)
	}
	if c.DBPool != 32 || c.WorkflowCache != 800 || c.Err() != nil {
		t.Errorf("pool %d, cache %d, err %v", c.DBPool, c.WorkflowCache, c.Err())
	}
	t.Setenv("TIDE_DB_POOL", "many")
	if c := Register(flag.NewFlagSet("t", flag.ContinueOnError), Pool); c.Err() == nil {
		t.Error("TIDE_DB_POOL=many was accepted")
	}
	fs = flag.NewFlagSet("t", flag.ContinueOnError)
	Register(fs, Database)
	if fs.Lookup("db-pool") != nil || fs.Lookup("workflow-cache") != nil {
		t.Error("a one-off command (tide user, tide migrate) offers the pool and cache settings it ignores")
	}
}

func TestBadEnvironmentValuesAreErrors(t *testing.T) {
	t.Setenv("TIDE_TEMPORAL_PORT", "seven")
	t.Setenv("TIDE_TOKEN_TTL", "12 hours")
	c := Register(flag.NewFlagSet("t", flag.ContinueOnError), HTTP|Embedded)
	if c.Err() == nil {
		t.Fatal("bad TIDE_TEMPORAL_PORT and TIDE_TOKEN_TTL were accepted")
	}
}

func TestOnlyRequestedGroupsAreRegistered(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	Register(fs, Database)
	if fs.Lookup("database-url") == nil || fs.Lookup("addr") != nil || fs.Lookup("temporal-port") != nil {
		t.Error("flag groups leak into each other")
	}
}
