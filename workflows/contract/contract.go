// Package contract is what tide's workflows agree on with the rest of tide:
// the task queue, the workflow types and ids, their inputs, the updates and
// queries they take, and the activities they call with their parameters.
// It holds data and names only, so the services that start workflows, the
// workflows themselves and the activities that do their I/O depend on it and
// not on each other: `go list -deps ./workflows` holds no database driver
// and no rule engine.
package contract

import (
	"strconv"
	"time"
)

// TaskQueue is the queue tide's worker polls.
const TaskQueue = "tide"

// Workflow type names, as the worker registers them and services start them.
const (
	WorkflowResource          = "Resource"
	WorkflowApplication       = "Application"
	WorkflowApplicationSearch = "ApplicationSearch"
	WorkflowApplicationReview = "ApplicationReview"
)

// ResourceWorkflowID is the id of the workflow protecting a resource. Every
// ownership epoch of the resource is a new run of the same id.
func ResourceWorkflowID(resourceID int64) string {
	return "resource/" + strconv.FormatInt(resourceID, 10)
}

// ApplicationWorkflowID is the id of the workflow that watches an approved
// application's deadline.
func ApplicationWorkflowID(applicationID int64) string {
	return "application/" + strconv.FormatInt(applicationID, 10)
}

// ApplicationSearchWorkflowID is the id of the workflow that searches for
// an application filed while its search could not answer.
func ApplicationSearchWorkflowID(applicationID int64) string {
	return "application-search/" + strconv.FormatInt(applicationID, 10)
}

// ApplicationReviewWorkflowID is the id of the workflow that lets an
// application lapse when sales support does not decide it in time.
func ApplicationReviewWorkflowID(applicationID int64) string {
	return "application-review/" + strconv.FormatInt(applicationID, 10)
}

// ResourceInput starts the protection of one ownership epoch of a resource.
type ResourceInput struct {
	ResourceID     int64
	Epoch          int
	OwnerID        int64
	ProtectedUntil time.Time
	// The rule and version that set ProtectedUntil, recorded with an expiry.
	Rule, RuleVersion string
	// RemindBefore is how long before ProtectedUntil the owner is reminded
	// (expiry.reminder_before, decided at the start); 0: no reminder.
	RemindBefore time.Duration
}

// ApplicationInput starts the watch of an approved application.
type ApplicationInput struct {
	ApplicationID int64
	Deadline      time.Time // decided by entry.deadline at the approval (R9)
}

// ReviewInput starts the review deadline of a filed application.
type ReviewInput struct {
	ApplicationID int64
	Deadline      time.Time // decided by application.review_deadline at the filing
}

// ApplicationSearchInput names the application to search for.
type ApplicationSearchInput struct {
	ApplicationID int64
}

// SearchGiveUp is how long the search of an unprotected application is
// retried; after it the application stays unprotected (R11).
const SearchGiveUp = 24 * time.Hour
