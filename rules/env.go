package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// The environments below are what a rule's expression can see. Field names
// in expressions and in JSON (fixtures, the API's test endpoint) are the same
// snake_case names; times are RFC 3339 in JSON.

// Rep is the sales rep a decision is about.
type Rep struct {
	ID       int       `expr:"id" json:"id"`
	Role     string    `expr:"role" json:"role"`
	Team     string    `expr:"team" json:"team"`
	JoinedAt time.Time `expr:"joined_at" json:"joined_at"`
}

// Counts are a rep's current holdings.
type Counts struct {
	Private         int `expr:"private" json:"private"`
	PrivateUnsigned int `expr:"private_unsigned" json:"private_unsigned"`
}

// Resource is the resource a decision is about. ReleasedAt is zero and
// ReleasedBy is 0 when it was never released.
type Resource struct {
	Kind          string    `expr:"kind" json:"kind"`
	Region        string    `expr:"region" json:"region"`
	Industry      string    `expr:"industry" json:"industry"`
	ReleasedAt    time.Time `expr:"released_at" json:"released_at"`
	ReleasedBy    int       `expr:"released_by" json:"released_by"`
	TimesReleased int       `expr:"times_released" json:"times_released"`
	Source        string    `expr:"source" json:"source"`
}

// Application is an application awaiting approval.
type Application struct {
	Type   string `expr:"type" json:"type"`
	Kind   string `expr:"kind" json:"kind"`
	Region string `expr:"region" json:"region"`
}

// CapacityEnv is the environment of capacity.limit.
type CapacityEnv struct {
	Rep    Rep    `expr:"rep" json:"rep"`
	Counts Counts `expr:"counts" json:"counts"`
}

// PickEnv is the environment of pick.allowed.
type PickEnv struct {
	Rep        Rep       `expr:"rep" json:"rep"`
	Resource   Resource  `expr:"resource" json:"resource"`
	PicksToday int       `expr:"picks_today" json:"picks_today"`
	Now        time.Time `expr:"now" json:"now"`
}

// ProtectionEnv is the environment of protection.until.
type ProtectionEnv struct {
	Now      time.Time `expr:"now" json:"now"`
	Resource Resource  `expr:"resource" json:"resource"`
	Rep      Rep       `expr:"rep" json:"rep"`
}

// ReminderEnv is the environment of expiry.reminder_before.
type ReminderEnv struct {
	Rep      Rep      `expr:"rep" json:"rep"`
	Resource Resource `expr:"resource" json:"resource"`
}

// DeadlineEnv is the environment of entry.deadline and
// name_correction.deadline: ApprovedAt is when the application was approved.
type DeadlineEnv struct {
	ApprovedAt time.Time `expr:"approved_at" json:"approved_at"`
	Rep        Rep       `expr:"rep" json:"rep"`
	Now        time.Time `expr:"now" json:"now"`
}

// AutoApproveEnv is the environment of application.auto_approve.
type AutoApproveEnv struct {
	Rep         Rep         `expr:"rep" json:"rep"`
	Application Application `expr:"application" json:"application"`
	Now         time.Time   `expr:"now" json:"now"`
}

// OpenLimitEnv is the environment of application.open_limit: Capacity is
// the rep's capacity.limit and OpenApplications how many of the rep's
// applications are open (pending, or approved and not yet entered), each
// holding its company's keys.
type OpenLimitEnv struct {
	Rep              Rep    `expr:"rep" json:"rep"`
	Counts           Counts `expr:"counts" json:"counts"`
	OpenApplications int    `expr:"open_applications" json:"open_applications"`
	Capacity         int    `expr:"capacity" json:"capacity"`
}

// ReviewEnv is the environment of application.review_deadline: FiledAt is
// when the application was filed.
type ReviewEnv struct {
	FiledAt time.Time `expr:"filed_at" json:"filed_at"`
	Rep     Rep       `expr:"rep" json:"rep"`
	Now     time.Time `expr:"now" json:"now"`
}

// DecodeEnv decodes raw JSON into the environment type of the named rule
// point and returns it as a value of that type. Unknown fields and values of
// the wrong type are errors; missing fields keep their zero value.
func DecodeEnv(point string, raw json.RawMessage) (any, error) {
	p, ok := Lookup(point)
	if !ok {
		return nil, fmt.Errorf("rules: unknown rule point %q", point)
	}
	return decodeEnv(p, raw)
}

func decodeEnv(p Point, raw json.RawMessage) (any, error) {
	ptr := reflect.New(reflect.TypeOf(p.Env))
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(ptr.Interface()); err != nil {
		return nil, fmt.Errorf("rules: %s environment: %w", p.Name, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("rules: %s environment: trailing data after the JSON object", p.Name)
	}
	return ptr.Elem().Interface(), nil
}

// envValue checks that env is the point's environment type (or a pointer to
// one) and returns it ready for the VM.
func envValue(p Point, env any) (any, error) {
	want := reflect.TypeOf(p.Env)
	got := reflect.TypeOf(env)
	switch {
	case got == want:
		return env, nil
	case got != nil && got.Kind() == reflect.Pointer && got.Elem() == want && !reflect.ValueOf(env).IsNil():
		return reflect.ValueOf(env).Elem().Interface(), nil
	}
	return nil, fmt.Errorf("rules: %s wants environment %s, got %T", p.Name, want, env)
}
