package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/store/dbtest"
)

// tide dev with -temporal-store postgres: Temporal's schema is set up by
// its own schema tool in two databases of the PostgreSQL server tide uses
// (the production shape's layout), an entry's protection runs there, and
// after a restart of the whole stack — the schema step run again, a no-op
// — the same run is still open and a new entry is protected too.
func TestTemporalOnPostgres(t *testing.T) {
	t.Parallel()
	dbURL, dir := dbtest.New(t), t.TempDir()
	pg, err := devserver.PostgresStoreFrom(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(dbURL)
	name := strings.TrimPrefix(u.Path, "/")
	pg.Database, pg.VisibilityDatabase = name+"_temporal", name+"_temporal_visibility"
	pg.MaxConns = 4 // the machine's PostgreSQL is shared with the other tests
	t.Cleanup(func() { dropDatabases(t, dbtest.AdminURL(), pg.Database, pg.VisibilityDatabase) })

	s := startOn(t, dbURL, dir, pg)
	var r api.ResourceView
	s.login("rep1").Do("POST", "/api/v1/resources", enterBody("苏州栈桥精密电子有限公司", "0512-68201234", "13900008201"), 201, &r)
	run, status := s.workflowStatus(r.ID)
	if status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Fatalf("the protection on PostgreSQL: %v", status)
	}
	s.stop()

	s = startOn(t, dbURL, dir, pg)
	again, status := s.workflowStatus(r.ID)
	if again != run || status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Errorf("after the restart: run %s %v, want %s running", again, status, run)
	}
	var r2 api.ResourceView
	s.login("rep1").Do("POST", "/api/v1/resources", enterBody("苏州栈桥五金有限公司", "0512-68201235", "13900008202"), 201, &r2)
	if _, status := s.workflowStatus(r2.ID); status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Errorf("a new entry after the restart: %v", status)
	}
	var tables int
	conn, err := pgx.Connect(context.Background(), strings.Replace(dbURL, "/"+name, "/"+pg.Database, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM executions`).Scan(&tables); err != nil || tables < 2 {
		t.Errorf("executions in %s: %d (%v)", pg.Database, tables, err)
	}
}

// dropDatabases drops test databases, ending their connections.
func dropDatabases(t testing.TB, adminURL string, names ...string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		t.Errorf("drop %v: %v", names, err)
		return
	}
	defer conn.Close(ctx)
	for _, n := range names {
		if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS "`+n+`" WITH (FORCE)`); err != nil {
			t.Errorf("drop %s: %v", n, err)
		}
	}
}
