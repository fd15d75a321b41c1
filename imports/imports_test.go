package imports_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/xuri/excelize/v2"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/imports"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/sheet"
	"github.com/tide-crm/tide/sheet/sheettest"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// env is a database with the services an import runs through; no
// Temporal: the protections' starts wait in the outbox, as they do for a
// moment after any entry.
type env struct {
	t     testing.TB
	st    *store.Store
	rules *ruleset.Set
	db    *pgxpool.Pool // for counting what the services wrote
	seas  *sea.Service
	svc   *imports.Service
	users map[string]people.User
}

func newEnv(t testing.TB) *env {
	ctx := context.Background()
	url := dbtest.New(t)
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	db, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	rules, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	seas := &sea.Service{Store: st, Rules: rules}
	e := &env{t: t, st: st, db: db, rules: rules, seas: seas, svc: &imports.Service{Store: st, Seas: seas}, users: map[string]people.User{}}
	for _, u := range []struct{ name, role string }{{"rep1", people.RoleRep}, {"rep2", people.RoleRep},
		{"sup", people.RoleSupport}, {"asst", people.RoleAssistant}, {"admin", people.RoleAdmin}} {
		e.users[u.name], err = st.CreateUser(ctx, people.NewUser{Username: u.name, Name: "用户" + u.name, Role: u.role, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// check uploads a file as user into target.
func (e *env) check(user, target, name string, data []byte) (bulk.Import, error) {
	return e.svc.Check(context.Background(), e.users[user], imports.Upload{Target: target, Name: name, Body: bytes.NewReader(data)})
}

// commit runs the commit as import/<id> does, batch after batch.
func (e *env) commit(user string, id int64) bulk.Import {
	e.t.Helper()
	ctx := context.Background()
	if _, err := e.svc.Commit(ctx, e.users[user], id); err != nil {
		e.t.Fatal(err)
	}
	for range 1000 {
		p, err := e.svc.RunBatch(ctx, id, 100, nil)
		if err != nil {
			e.t.Fatal(err)
		}
		if p.Finished {
			imp, err := e.svc.Get(ctx, e.users[user], id)
			if err != nil {
				e.t.Fatal(err)
			}
			return imp
		}
	}
	e.t.Fatal("the import never finished")
	return bulk.Import{}
}

func (e *env) rows(user string, id int64) []bulk.Row {
	e.t.Helper()
	rows, err := e.svc.Rows(context.Background(), e.users[user], id, 0, 100000)
	if err != nil {
		e.t.Fatal(err)
	}
	return rows
}

// planted is a file of 1,000 rows: 900 good, 50 colliding with resources
// already stored (25 by company key, 25 by a landline; half of them owned
// by a rep, half in the public sea), 20 repeating an earlier row's mobile,
// and 30 invalid (10 without a contact, 10 with a number that is no
// number, 10 with a bare local landline and no region to complete it).
// want is each line's expected verdict.
func (e *env) planted() (records [][]string, want map[int]string) {
	ctx := context.Background()
	var rows []sheettest.Row
	want = map[int]string{}
	add := func(r sheettest.Row, verdict string) {
		rows = append(rows, r)
		want[len(rows)+1] = verdict
	}
	for i := 0; i < 50; i += 2 { // the even ones: in rep2's private sea
		held := sheettest.Company("旧", 0, i)
		if _, err := e.seas.Enter(ctx, e.users["rep2"], intake.Entry{Kind: intake.KindEnterprise, Name: held["公司名称"], Region: "苏州",
			Contacts: []intake.EntryContact{{Name: "老客户", Landline: held["固话"]}}}); err != nil {
			e.t.Fatal(err)
		}
	}
	// The odd ones go to the public sea through an import of their own.
	var public []sheettest.Row
	for i := 1; i < 50; i += 2 {
		r := sheettest.Company("旧", 0, i)
		r["联系人"], r["手机"] = "老客户", ""
		public = append(public, r)
	}
	imp, err := e.check("sup", bulk.TargetPublic, "old.csv", sheettest.CSV(e.t, sheettest.Records(public), false))
	if err != nil {
		e.t.Fatal(err)
	}
	if done := e.commit("sup", imp.ID); done.Entered != 25 {
		e.t.Fatalf("planting: %+v", done)
	}
	for i := range 950 {
		good := sheettest.Company("新", 10000, i)
		switch {
		case i < 25: // its name keys as an old one's
			good["公司名称"] = sheettest.Company("旧", 0, i)["公司名称"]
			add(good, bulk.VerdictCollides)
			continue
		case i < 50: // its landline is an old one's
			good["固话"] = sheettest.Company("旧", 0, i)["固话"]
			add(good, bulk.VerdictCollides)
			continue
		}
		add(good, bulk.VerdictEnter)
		if i%40 == 0 && i >= 80 && i < 880 { // 20 later rows repeat this one's mobile
			dup := sheettest.Company("重", 20000, i)
			dup["手机"] = good["手机"]
			add(dup, bulk.VerdictDuplicate)
		}
		if i%30 == 0 && i >= 60 && i < 960 { // 30 invalid rows
			bad := sheettest.Company("坏", 30000, i)
			switch (i / 30) % 3 {
			case 0:
				bad["联系人"] = ""
			case 1:
				bad["手机"] = "12345"
			case 2:
				bad["地区"], bad["固话"] = "", "65881234"
			}
			add(bad, bulk.VerdictInvalid)
		}
	}
	return sheettest.Records(rows), want
}

// A 1,000-row file with 50 planted collisions against the database, 20
// duplicates within the file and 30 invalid rows gives exactly those
// verdicts in every format (xlsx, CSV in UTF-8, with a BOM, GB18030), and
// the commit enters exactly the rest — each once, with the history and the
// protection command of a single entry — and refuses the others, saying
// why in the report.
func TestPlantedFile(t *testing.T) {
	e := newEnv(t)
	records, want := e.planted()
	if len(records) != 1001 {
		t.Fatalf("the file has %d rows", len(records)-1)
	}
	files := map[string][]byte{
		"leads.xlsx": sheettest.XLSX(t, records), "leads.csv": sheettest.CSV(t, records, false),
		"bom.csv": sheettest.CSV(t, records, true), "gbk.csv": sheettest.GB18030(t, records),
	}
	var xlsxID int64
	for name, data := range files {
		imp, err := e.check("sup", bulk.TargetPublic, name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := imp.Verdicts
		if imp.Total != 1000 || got["enter"] != 900 || got["collides"] != 50 || got["duplicate"] != 20 || got["invalid"] != 30 ||
			imp.State != bulk.StateChecked || imp.Done() != 0 {
			t.Errorf("%s: %+v", name, imp)
		}
		for _, r := range e.rows("sup", imp.ID) {
			if r.Verdict != want[r.Line] {
				t.Errorf("%s line %d: %s, want %s (%+v)", name, r.Line, r.Verdict, want[r.Line], r.Check)
			}
		}
		if name == "leads.xlsx" {
			xlsxID = imp.ID
		}
	}
	// Nothing was written by four checks.
	var resources int
	if err := e.db.QueryRow(context.Background(), `SELECT count(*) FROM resources`).Scan(&resources); err != nil {
		t.Fatal(err)
	}
	if resources != 50 {
		t.Fatalf("%d resources after the checks, want the 50 planted", resources)
	}

	rows := e.rows("sup", xlsxID)
	for _, r := range rows {
		switch r.Verdict {
		case bulk.VerdictCollides:
			h := r.Check.Hits[0]
			if len(r.Check.Hits) != 1 || h.ResourceID == 0 || h.Name == "" {
				t.Errorf("line %d: hits %+v", r.Line, r.Check.Hits)
			}
			if h.Sea == resource.SeaPrivate && (h.Owner == nil || h.Owner.Name != "用户rep2") {
				t.Errorf("line %d: a private hit names its owner: %+v", r.Line, h)
			}
		case bulk.VerdictDuplicate:
			if want[r.Check.DuplicateOf] != bulk.VerdictEnter || r.Check.DuplicateOf >= r.Line {
				t.Errorf("line %d: duplicate of %d", r.Line, r.Check.DuplicateOf)
			}
		case bulk.VerdictInvalid:
			cols := map[string]bool{}
			for _, p := range r.Check.Problems {
				cols[p.Column] = true
				if p.Chinese == "" || p.Reason == "" {
					t.Errorf("line %d: a problem without words: %+v", r.Line, p)
				}
			}
			switch {
			case r.Fields["联系人"] == "" && !cols["联系人"],
				r.Fields["手机"] == "12345" && !cols["手机"],
				r.Fields["地区"] == "" && !cols["地区"]:
				t.Errorf("line %d: problems %+v do not name the bad column", r.Line, r.Check.Problems)
			}
		case bulk.VerdictEnter:
			if r.Check.CompanyKey == "" || len(r.Check.Numbers) != 2 {
				t.Errorf("line %d: key %q numbers %v", r.Line, r.Check.CompanyKey, r.Check.Numbers)
			}
		}
	}

	done := e.commit("sup", xlsxID)
	if done.State != bulk.StateDone || done.Entered != 900 || done.Refused != 100 {
		t.Fatalf("after the commit: %+v", done)
	}
	var imported, histories, notes int
	if err := e.db.QueryRow(context.Background(), `SELECT
			(SELECT count(*) FROM resources WHERE sea = 'public' AND name LIKE '苏州新%'),
			(SELECT count(*) FROM ownership_history WHERE path = 'import'),
			(SELECT count(*) FROM notes WHERE summary = '展会名单')`).Scan(&imported, &histories, &notes); err != nil {
		t.Fatal(err)
	}
	if imported != 900 || histories != 925 || notes != 925 { // the planted public 25 came through an import too
		t.Errorf("imported %d, histories %d, notes %d", imported, histories, notes)
	}
	for _, r := range e.rows("sup", xlsxID) {
		entered := r.Result == bulk.ResultEntered
		if entered != (want[r.Line] == bulk.VerdictEnter) || (r.ResourceID != nil) != entered {
			t.Errorf("line %d (%s): result %s resource %v", r.Line, want[r.Line], r.Result, r.ResourceID)
		}
	}

	// The report names every row's result in words and reads back as an
	// import: its own columns are skipped.
	var report bytes.Buffer
	if err := e.svc.Report(context.Background(), e.users["sup"], xlsxID, &report); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(report.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sheetRows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]int{}
	for line, rec := range sheetRows[1:] {
		results[rec[len(sheet.ImportColumns)]]++
		if want[line+2] == bulk.VerdictCollides && !contains(rec[len(sheet.ImportColumns)+1], "已被") {
			t.Errorf("report line %d: %v", line+2, rec)
		}
	}
	if results["已录入"] != 900 || results["未录入"] != 100 {
		t.Errorf("report results %v", results)
	}
	again, err := e.check("sup", bulk.TargetPublic, "report.xlsx", report.Bytes())
	if err != nil {
		t.Fatalf("the report does not upload again: %v", err)
	}
	// Every row that entered now collides with itself, and so do the
	// duplicates with the row they repeat.
	if again.Verdicts["collides"] != 970 || again.Verdicts["invalid"] != 30 || again.Verdicts["enter"] != 0 {
		t.Errorf("the report uploaded again: %+v", again.Verdicts)
	}
}

func contains(s, sub string) bool { return bytes.Contains([]byte(s), []byte(sub)) }

// A rep's import enters the rep's own sea up to capacity (R13): the check
// marks the rows beyond it, and when the sea fills between the check and
// the commit, the commit stops there and reports every remaining row.
func TestRepImportStopsAtCapacity(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var rows []sheettest.Row
	for i := range 303 {
		rows = append(rows, sheettest.Company("满", 40000, i))
	}
	imp, err := e.check("rep1", bulk.TargetMine, "mine.csv", sheettest.CSV(t, sheettest.Records(rows), false))
	if err != nil {
		t.Fatal(err)
	}
	if imp.Verdicts["enter"] != 300 || imp.Verdicts["over_capacity"] != 3 {
		t.Fatalf("check: %+v", imp.Verdicts)
	}
	// Two entries by hand fill two places before the commit.
	for i := range 2 {
		c := sheettest.Company("手", 50000, i)
		if _, err := e.seas.Enter(ctx, e.users["rep1"], intake.Entry{Kind: intake.KindEnterprise, Name: c["公司名称"], Region: "苏州",
			Contacts: []intake.EntryContact{{Name: "张", Mobile: c["手机"]}}}); err != nil {
			t.Fatal(err)
		}
	}
	done := e.commit("rep1", imp.ID)
	if done.Entered != 298 || done.Refused != 5 {
		t.Fatalf("commit: %+v", done)
	}
	for _, r := range e.rows("rep1", imp.ID) {
		if (r.Line <= 299) != (r.Result == bulk.ResultEntered) {
			t.Errorf("line %d: %s", r.Line, r.Result)
		}
		if r.Result == bulk.ResultRefused {
			if _, why := imports.Outcome(r, catalog.For(catalog.Chinese)); !contains(why, "库容") {
				t.Errorf("line %d: %q", r.Line, why)
			}
		}
	}
	room, err := e.seas.Room(ctx, e.users["rep1"])
	if err != nil || room.Held != 300 {
		t.Errorf("held %d (%v)", room.Held, err)
	}
	var commands int
	if err := e.db.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE workflow_id LIKE 'resource/%'`).Scan(&commands); err != nil {
		t.Fatal(err)
	}
	if commands != 300 {
		t.Errorf("%d protection starts recorded, want 300", commands)
	}
}

// Who may import where, and whose import one may see: reps into their own
// sea, support and admins into the public sea; another rep's import is
// not found; an assistant imports nothing.
func TestImportAccess(t *testing.T) {
	e := newEnv(t)
	data := sheettest.CSV(t, sheettest.Records([]sheettest.Row{sheettest.Company("权", 60000, 1)}), false)
	for _, c := range []struct {
		user, target string
		kind         fault.Kind
	}{
		{"rep1", bulk.TargetPublic, fault.Forbidden}, {"sup", bulk.TargetMine, fault.Forbidden},
		{"asst", bulk.TargetMine, fault.Forbidden}, {"asst", bulk.TargetPublic, fault.Forbidden},
		{"rep1", "theirs", fault.Invalid},
	} {
		if _, err := e.check(c.user, c.target, "a.csv", data); !fault.Is(err, c.kind) {
			t.Errorf("%s into %s: %v, want %v", c.user, c.target, err, c.kind)
		}
	}
	imp, err := e.check("rep1", bulk.TargetMine, "a.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.svc.Get(ctx, e.users["rep2"], imp.ID); !fault.Is(err, fault.NotFound) {
		t.Errorf("another rep reads the import: %v", err)
	}
	if _, err := e.svc.Commit(ctx, e.users["rep2"], imp.ID); !fault.Is(err, fault.NotFound) {
		t.Errorf("another rep commits the import: %v", err)
	}
	if _, err := e.svc.Commit(ctx, e.users["admin"], imp.ID); !fault.Is(err, fault.Forbidden) {
		t.Errorf("an admin commits a rep's import: %v", err)
	}
	if _, err := e.svc.Cancel(ctx, e.users["rep1"], imp.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Commit(ctx, e.users["rep1"], imp.ID); !fault.Is(err, fault.Conflict) {
		t.Errorf("a cancelled import commits: %v", err)
	}
	if _, err := e.check("rep1", bulk.TargetMine, "a.xlsx", data); !fault.Is(err, fault.Invalid) {
		t.Errorf("a CSV named .xlsx: %v", err)
	}
}

// raiseCapacity lets every rep hold a million resources.
func raiseCapacity(t testing.TB, e *env) {
	ctx := context.Background()
	v, err := e.rules.CreateVersion(ctx, e.users["admin"], "capacity.limit", "1000000", "bench", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.rules.Activate(ctx, e.users["admin"], "capacity.limit", v.Version); err != nil {
		t.Fatal(err)
	}
}

// A cancel stops a running import between batches: the batch that ran
// stays entered, the next batch finishes the import as cancelled, and no
// later row is entered.
func TestCancelStopsBetweenBatches(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var rows []sheettest.Row
	for i := range 250 {
		rows = append(rows, sheettest.Company("停", 900000, i))
	}
	imp, err := e.check("sup", bulk.TargetPublic, "stop.csv", sheettest.CSV(t, sheettest.Records(rows), false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Commit(ctx, e.users["sup"], imp.ID); err != nil {
		t.Fatal(err)
	}
	if p, err := e.svc.RunBatch(ctx, imp.ID, 100, nil); err != nil || p.Finished || p.Done != 100 {
		t.Fatalf("first batch: %+v %v", p, err)
	}
	cancelling, err := e.svc.Cancel(ctx, e.users["sup"], imp.ID)
	if err != nil || cancelling.State != bulk.StateRunning || !cancelling.CancelRequested {
		t.Fatalf("cancel: %+v %v", cancelling, err)
	}
	if p, err := e.svc.RunBatch(ctx, imp.ID, 100, nil); err != nil || !p.Finished {
		t.Fatalf("the batch after the cancel: %+v %v", p, err)
	}
	done, err := e.svc.Get(ctx, e.users["sup"], imp.ID)
	if err != nil || done.State != bulk.StateCancelled || done.Entered != 100 || done.FinishedAt == nil {
		t.Fatalf("cancelled: %+v %v", done, err)
	}
	var resources int
	if err := e.db.QueryRow(ctx, `SELECT count(*) FROM resources`).Scan(&resources); err != nil || resources != 100 {
		t.Errorf("%d resources after the cancel (%v), want the first batch's 100", resources, err)
	}
	if _, err := e.svc.Cancel(ctx, e.users["sup"], imp.ID); !fault.Is(err, fault.Conflict) {
		t.Errorf("cancelling a cancelled import: %v", err)
	}
}

// Entries racing a public import of the same companies, whose rows enter
// twenty to a transaction: each company ends with one resource, every row
// the import refused names the entry that won, and every entry refused
// names the import's resource (R6).
func TestPublicImportRacesEntries(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	const n = 200
	var rows []sheettest.Row
	for i := range n {
		rows = append(rows, sheettest.Company("抢", 950000, i))
	}
	imp, err := e.check("sup", bulk.TargetPublic, "race.csv", sheettest.CSV(t, sheettest.Records(rows), false))
	if err != nil || imp.Verdicts["enter"] != n {
		t.Fatalf("check: %+v %v", imp, err)
	}
	if _, err := e.svc.Commit(ctx, e.users["sup"], imp.ID); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	won := map[string]int64{}    // company → the entry's resource
	lost := map[string][]int64{} // company → the hits' resources
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := n - 1 - w; i >= 0; i -= 4 {
				r := rows[i]
				res, err := e.seas.Enter(ctx, e.users["rep2"], intake.Entry{Kind: intake.KindEnterprise, Name: r["公司名称"], Region: "苏州",
					Contacts: []intake.EntryContact{{Name: "抢先", Mobile: r["手机"]}}})
				mu.Lock()
				switch {
				case err == nil:
					won[r["公司名称"]] = res.ID
				case fault.Is(err, fault.Collision):
					for _, h := range store.HitsOf(err) {
						lost[r["公司名称"]] = append(lost[r["公司名称"]], h.ResourceID)
					}
				default:
					t.Errorf("entry %s: %v", r["公司名称"], err)
				}
				mu.Unlock()
			}
		})
	}
	for {
		p, err := e.svc.RunBatch(ctx, imp.ID, 50, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Finished {
			break
		}
	}
	wg.Wait()
	byName := map[string]bulk.Row{}
	for _, r := range e.rows("sup", imp.ID) {
		byName[r.Fields["公司名称"]] = r
	}
	entered := 0
	for _, r := range rows {
		name := r["公司名称"]
		row := byName[name]
		switch row.Result {
		case bulk.ResultEntered:
			entered++
			if _, ok := won[name]; ok {
				t.Errorf("%s has two resources", name)
			}
			if len(lost[name]) == 0 || lost[name][0] != *row.ResourceID {
				t.Errorf("%s: the refused entry names %v, not the import's %d", name, lost[name], *row.ResourceID)
			}
		case bulk.ResultRefused:
			if id, ok := won[name]; !ok || len(row.Reason.Hits) == 0 || row.Reason.Hits[0].ResourceID != id {
				t.Errorf("%s: refused by the import naming %+v; the entry won %d", name, row.Reason.Hits, id)
			}
		default:
			t.Errorf("%s: no result", name)
		}
	}
	var resources int
	if err := e.db.QueryRow(ctx, `SELECT count(*) FROM resources`).Scan(&resources); err != nil || resources != n {
		t.Errorf("%d resources for %d companies (%v)", resources, n, err)
	}
	t.Logf("the import entered %d, the entries %d", entered, len(won))
}
