package devserver

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	_ "modernc.org/sqlite" // the driver the Temporal SQLite plugin uses, registered as "sqlite"
)

// forgetMembership deletes the cluster membership rows a previous run left in
// the SQLite file. The embedded server picks new internal ports at every
// start; without this its ringpop would try to join the dead addresses of the
// last run and hold every request for more than 30 seconds. Only one process
// uses a data dir (see lockDataDir), so every row left is stale.
func forgetMembership(dbPath string) error {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=rw")
	if err != nil {
		return fmt.Errorf("devserver: open %s: %w", dbPath, err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM cluster_membership`); err != nil {
		return fmt.Errorf("devserver: clear stale membership: %w", err)
	}
	return nil
}

// lockDataDir takes an exclusive lock on the data dir for the life of the
// process, so two dev instances never share one Temporal state.
func lockDataDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("devserver: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("devserver: data dir %s is in use by another tide dev (set TIDE_DATA_DIR): %w", dir, err)
	}
	return f, nil
}
