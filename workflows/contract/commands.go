package contract

// Command is a message for Temporal that a move records in its own
// transaction (the outbox): a dispatcher sends it once the move has
// committed and forgets it once Temporal has it. A move therefore never
// waits for Temporal while it holds a lock, and a crash leaves either the
// command or the workflow, never neither.
type Command struct {
	Kind         string         // CommandStart or CommandEnd
	WorkflowType string         // for a start
	WorkflowID   string         // the workflow it is about
	Epoch        int            // a protection's ownership epoch: a start for an epoch already running is done
	Input        any            // a start's input (JSON on the way through the outbox)
	Memo         map[string]any // a start's memo (the request's id)
}

// Command kinds.
const (
	CommandStart = "start" // start the workflow (each type's own conflict policy)
	CommandEnd   = "end"   // terminate the workflow: its record left both seas
)

// StartResource is the start of one ownership epoch's protection.
func StartResource(in ResourceInput) Command {
	return Command{Kind: CommandStart, WorkflowType: WorkflowResource, WorkflowID: ResourceWorkflowID(in.ResourceID),
		Epoch: in.Epoch, Input: in}
}

// StartApplication is the start of an approved application's deadline.
func StartApplication(in ApplicationInput) Command {
	return Command{Kind: CommandStart, WorkflowType: WorkflowApplication, WorkflowID: ApplicationWorkflowID(in.ApplicationID), Input: in}
}

// StartReview is the start of a filed application's review deadline.
func StartReview(in ReviewInput) Command {
	return Command{Kind: CommandStart, WorkflowType: WorkflowApplicationReview,
		WorkflowID: ApplicationReviewWorkflowID(in.ApplicationID), Input: in}
}

// StartSearch is the start of the search of an application filed while its
// search could not answer (R11).
func StartSearch(applicationID int64) Command {
	return Command{Kind: CommandStart, WorkflowType: WorkflowApplicationSearch,
		WorkflowID: ApplicationSearchWorkflowID(applicationID), Input: ApplicationSearchInput{ApplicationID: applicationID}}
}

// EndResource ends the protection of a record that left both seas.
func EndResource(resourceID int64) Command {
	return Command{Kind: CommandEnd, WorkflowID: ResourceWorkflowID(resourceID)}
}
