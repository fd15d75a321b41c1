package rules

// Result types a rule point declares.
const (
	ResultInt      = "int"      // an int
	ResultBool     = "bool"     // a bool
	ResultTime     = "time"     // a time.Time: an absolute deadline
	ResultDuration = "duration" // a time.Duration
	ResultAllowed  = "allowed"  // a bool with a reason when false: see Allowed
)

// Default expressions, shipped as version 1 of each rule by the migrations.
// They are the source of truth for what tide does until an admin activates
// another version.
const (
	DefaultCapacityLimit          = `300`
	DefaultPickAllowed            = `picks_today >= 20 ? deny("at most 20 picks a day") : (resource.released_by == rep.id && days_between(resource.released_at, now) < 30 ? deny("you released it less than 30 days ago") : true)`
	DefaultProtectionUntil        = `months_after(now, 24)`
	DefaultExpiryReminderBefore   = `duration("720h")`
	DefaultEntryDeadline          = `workdays_after(approved_at, 2)`
	DefaultNameCorrectionDeadline = `workdays_after(approved_at, 2)`
	DefaultApplicationAutoApprove = `false`
	DefaultApplicationOpenLimit   = `min(20, max(0, capacity - counts.private))`
	DefaultApplicationReview      = `workdays_after(filed_at, 5)`
)

// Point is a rule point: a place where tide asks a rule for a decision. It
// fixes the environment the expression sees, the type of its answer and the
// shipped default expression.
type Point struct {
	Name    string // e.g. "capacity.limit"
	Result  string // ResultInt, ResultBool, ResultTime, ResultDuration or ResultAllowed
	Env     any    // zero value of the environment struct, e.g. CapacityEnv{}
	Default string // the shipped default expression
	Doc     string // what the rule decides, for admins
}

var points = []Point{
	{Name: "capacity.limit", Result: ResultInt, Env: CapacityEnv{}, Default: DefaultCapacityLimit,
		Doc: "How many resources a rep may hold in the private sea."},
	{Name: "pick.allowed", Result: ResultAllowed, Env: PickEnv{}, Default: DefaultPickAllowed,
		Doc: `Whether a rep may pick a resource from the public sea; deny("reason") refuses with a reason.`},
	{Name: "protection.until", Result: ResultTime, Env: ProtectionEnv{}, Default: DefaultProtectionUntil,
		Doc: "Until when a resource entered or picked now stays protected."},
	{Name: "expiry.reminder_before", Result: ResultDuration, Env: ReminderEnv{}, Default: DefaultExpiryReminderBefore,
		Doc: "How long before its protection ends a rep is reminded of a resource."},
	{Name: "entry.deadline", Result: ResultTime, Env: DeadlineEnv{}, Default: DefaultEntryDeadline,
		Doc: "By when an approved entry must be completed."},
	{Name: "name_correction.deadline", Result: ResultTime, Env: DeadlineEnv{}, Default: DefaultNameCorrectionDeadline,
		Doc: "By when an approved name correction must be completed."},
	{Name: "application.auto_approve", Result: ResultBool, Env: AutoApproveEnv{}, Default: DefaultApplicationAutoApprove,
		Doc: "Whether an application is approved without a manager."},
	{Name: "application.open_limit", Result: ResultInt, Env: OpenLimitEnv{}, Default: DefaultApplicationOpenLimit,
		Doc: "How many open applications a rep may have: each holds its company's keys, so without a limit a rep could hold companies they have no room for."},
	{Name: "application.review_deadline", Result: ResultTime, Env: ReviewEnv{}, Default: DefaultApplicationReview,
		Doc: "By when sales support must decide an application; undecided, it lapses by itself and frees its keys."},
	{Name: "likeness.score", Result: ResultInt, Env: LikenessEnv{}, Default: DefaultLikenessScore,
		Doc: "How likely two resources with different company keys are one company (疑似撞单), from 0 to 100."},
	{Name: "likeness.threshold", Result: ResultInt, Env: LikenessThresholdEnv{}, Default: DefaultLikenessThreshold,
		Doc: "The score from which a pair is shown as a possible duplicate and, on an entry or an edit, raised to sales support."},
}

// Points returns every rule point, in a stable order.
func Points() []Point {
	return append([]Point(nil), points...)
}

// Lookup returns the rule point with the given name.
func Lookup(name string) (Point, bool) {
	for _, p := range points {
		if p.Name == name {
			return p, true
		}
	}
	return Point{}, false
}
