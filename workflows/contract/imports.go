package contract

import "strconv"

// WorkflowImport is the workflow type that commits a checked import.
const WorkflowImport = "Import"

// ActivityImportBatch is the activity that commits the next batch of an
// import's rows.
const ActivityImportBatch = "ImportBatch"

// ImportWorkflowID is the id of the workflow committing an import.
func ImportWorkflowID(importID int64) string {
	return "import/" + strconv.FormatInt(importID, 10)
}

// ImportInput starts the commit of a checked import; BatchSize rows are
// entered per activity (≤ 0: ImportBatchSize).
type ImportInput struct {
	ImportID  int64
	BatchSize int
}

// ImportBatchSize is how many rows one batch enters when not told: small
// enough that a cancel waits little, large enough that the history stays
// short (a 10,000-row import is 100 activities).
const ImportBatchSize = 100

// ImportBatchParams asks for the next batch of an import's rows.
type ImportBatchParams struct {
	ImportID  int64
	BatchSize int
}

// ImportProgress is where an import stands after a batch. Finished: every
// row has its result, or the import was cancelled; no batch is needed.
type ImportProgress struct {
	Finished bool
	Done     int // rows with a result
	Total    int
}

// StartImport is the start of an import's commit.
func StartImport(in ImportInput) Command {
	return Command{Kind: CommandStart, WorkflowType: WorkflowImport, WorkflowID: ImportWorkflowID(in.ImportID), Input: in}
}
