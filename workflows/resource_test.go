package workflows_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/worker"
	"github.com/tide-crm/tide/workflows"
	"github.com/tide-crm/tide/workflows/contract"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func input() contract.ResourceInput {
	return contract.ResourceInput{
		ResourceID: 7, Epoch: 1, OwnerID: 3,
		ProtectedUntil: start.AddDate(0, 24, 0), Rule: "protection.until", RuleVersion: "builtin",
	}
}

type calls struct {
	expire, release, reschedule, remind, sign []time.Time
}

// newEnv returns a time-skipping environment whose activities record when
// they ran instead of touching a database.
func newEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *calls) {
	return newEnvFailing(t, nil)
}

// newEnvFailing is newEnv whose Release activity fails with releaseErr.
func newEnvFailing(t *testing.T, releaseErr error) (*testsuite.TestWorkflowEnvironment, *calls) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(start)
	worker.Register(env, &activities.Activities{})
	c := &calls{}
	env.OnActivity("Expire", mock.Anything, mock.Anything).Return(
		func(_ context.Context, p contract.ExpireParams) error {
			if p.ResourceID != 7 || p.Epoch != 1 || p.Rule != "protection.until" {
				t.Errorf("Expire got %+v", p)
			}
			c.expire = append(c.expire, env.Now())
			return nil
		})
	env.OnActivity("Release", mock.Anything, mock.Anything).Return(
		func(_ context.Context, p contract.ReleaseParams) error {
			if p.ActorID != 3 || p.Epoch != 1 || p.Reason == "" {
				t.Errorf("Release got %+v", p)
			}
			c.release = append(c.release, env.Now())
			return releaseErr
		})
	env.OnActivity("Remind", mock.Anything, mock.Anything).Return(
		func(_ context.Context, p contract.RemindParams) error {
			c.remind = append(c.remind, env.Now())
			return nil
		})
	env.OnActivity("Sign", mock.Anything, mock.Anything).Return(
		func(_ context.Context, p contract.SignParams) error {
			c.sign = append(c.sign, env.Now())
			return nil
		})
	env.OnActivity("Reschedule", mock.Anything, mock.Anything).Return(
		func(_ context.Context, p contract.RescheduleParams) error {
			c.reschedule = append(c.reschedule, p.ProtectedUntil)
			return nil
		})
	return env, c
}

type updateResult struct {
	accepted, completed bool
	err                 error
}

func (u *updateResult) Accept()                   { u.accepted = true }
func (u *updateResult) Reject(err error)          { u.err = err }
func (u *updateResult) Complete(_ any, err error) { u.completed, u.err = true, err }

func result(t *testing.T, env *testsuite.TestWorkflowEnvironment) contract.ResourceState {
	t.Helper()
	if !env.IsWorkflowCompleted() {
		t.Fatal("workflow did not complete")
	}
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	var st contract.ResourceState
	if err := env.GetWorkflowResult(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestExpiresAfter24Months(t *testing.T) {
	env, c := newEnv(t)
	var midway contract.ResourceState
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(contract.QueryState)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Get(&midway); err != nil {
			t.Fatal(err)
		}
	}, 23*30*24*time.Hour)
	env.ExecuteWorkflow(workflows.Resource, input())

	if st := result(t, env); st.Status != contract.StatusExpired {
		t.Errorf("status = %s, want expired", st.Status)
	}
	if midway.Status != contract.StatusProtected {
		t.Errorf("after 23 months status = %s, want protected", midway.Status)
	}
	if len(c.expire) != 1 || len(c.release) != 0 {
		t.Fatalf("expire ran %d times, release %d; want 1 and 0", len(c.expire), len(c.release))
	}
	if want := start.AddDate(0, 24, 0); !c.expire[0].Equal(want) {
		t.Errorf("expired at %v, want %v", c.expire[0], want)
	}
}

func TestReleaseEndsProtectionWithoutExpiry(t *testing.T) {
	env, c := newEnv(t)
	first, second := &updateResult{}, &updateResult{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(contract.UpdateRelease, "1", first, contract.ReleaseRequest{ActorID: 3, Reason: "no budget"})
		// A second release in the same instant is refused: the first is running.
		env.UpdateWorkflow(contract.UpdateRelease, "2", second, contract.ReleaseRequest{ActorID: 3, Reason: "again"})
	}, 48*time.Hour)
	env.ExecuteWorkflow(workflows.Resource, input())

	if st := result(t, env); st.Status != contract.StatusReleased {
		t.Errorf("status = %s, want released", st.Status)
	}
	if !first.accepted || !first.completed || first.err != nil {
		t.Errorf("first release: %+v", first)
	}
	if second.accepted || second.err == nil || !strings.Contains(second.err.Error(), workflows.ErrNotProtected.Error()) {
		t.Errorf("second release was not refused: %+v", second)
	}
	if len(c.release) != 1 || len(c.expire) != 0 {
		t.Fatalf("release ran %d times, expire %d; want 1 and 0", len(c.release), len(c.expire))
	}
	if want := start.Add(48 * time.Hour); !c.release[0].Equal(want) {
		t.Errorf("released at %v, want %v", c.release[0], want)
	}
}

func TestReleaseRefusedForOthersAndWithoutReason(t *testing.T) {
	env, c := newEnv(t)
	other, noReason := &updateResult{}, &updateResult{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(contract.UpdateRelease, "a", other, contract.ReleaseRequest{ActorID: 4, Reason: "mine now"})
		env.UpdateWorkflow(contract.UpdateRelease, "b", noReason, contract.ReleaseRequest{ActorID: 3})
	}, time.Hour)
	env.ExecuteWorkflow(workflows.Resource, input())

	if other.accepted || other.err == nil {
		t.Errorf("a release by another rep was accepted: %+v", other)
	}
	if noReason.accepted || noReason.err == nil {
		t.Errorf("a release without reason was accepted: %+v", noReason)
	}
	if st := result(t, env); st.Status != contract.StatusExpired {
		t.Errorf("status = %s, want expired (the refused releases changed nothing)", st.Status)
	}
	if len(c.release) != 0 || len(c.expire) != 1 {
		t.Errorf("release ran %d times, expire %d; want 0 and 1", len(c.release), len(c.expire))
	}
}

func TestFailedReleaseKeepsProtection(t *testing.T) {
	env, c := newEnvFailing(t, temporal.NewNonRetryableApplicationError("stale", contract.ErrTypeStale, nil))
	u := &updateResult{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(contract.UpdateRelease, "a", u, contract.ReleaseRequest{ActorID: 3, Reason: "r"})
	}, time.Hour)
	env.ExecuteWorkflow(workflows.Resource, input())
	if u.err == nil {
		t.Error("the release reported success although its activity failed")
	}
	if st := result(t, env); st.Status != contract.StatusExpired || len(c.expire) != 1 {
		t.Errorf("status %s with %d expiries; want expired once", st.Status, len(c.expire))
	}
}

// A re-applied timing rule moves the deadline both ways, and the expiry
// names the rule version that set the final deadline.
func TestRescheduleMovesTheDeadline(t *testing.T) {
	for _, tc := range []struct {
		name  string
		until time.Time
	}{
		{"earlier", start.Add(72 * time.Hour)},
		{"later", start.AddDate(0, 30, 0)},
		{"already past", start.Add(time.Hour)}, // applied two hours in: expires at once
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, c := newEnv(t)
			u := &updateResult{}
			env.RegisterDelayedCallback(func() {
				env.UpdateWorkflow(contract.UpdateReschedule, "r", u, contract.RescheduleRequest{
					ProtectedUntil: tc.until, Rule: "protection.until", RuleVersion: "7"})
			}, 2*time.Hour)
			env.ExecuteWorkflow(workflows.Resource, input())
			st := result(t, env)
			if u.err != nil || !u.completed {
				t.Fatalf("reschedule: %+v", u)
			}
			want := tc.until
			if want.Before(start.Add(2 * time.Hour)) {
				want = start.Add(2 * time.Hour)
			}
			if st.Status != contract.StatusExpired || len(c.expire) != 1 || !c.expire[0].Equal(want) {
				t.Fatalf("status %s, expiries %v; want one at %v", st.Status, c.expire, want)
			}
			if st.RuleVersion != "7" || len(c.reschedule) != 1 {
				t.Errorf("final state %+v, reschedules %v", st.ResourceInput, c.reschedule)
			}
		})
	}
}

func TestRescheduleAfterReleaseIsRefused(t *testing.T) {
	env, c := newEnv(t)
	rel, re := &updateResult{}, &updateResult{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(contract.UpdateRelease, "a", rel, contract.ReleaseRequest{ActorID: 3, Reason: "done"})
		env.UpdateWorkflow(contract.UpdateReschedule, "b", re, contract.RescheduleRequest{ProtectedUntil: start.AddDate(1, 0, 0)})
	}, time.Hour)
	env.ExecuteWorkflow(workflows.Resource, input())
	if st := result(t, env); st.Status != contract.StatusReleased || re.err == nil || len(c.reschedule) != 0 {
		t.Fatalf("status %s, reschedule %+v, reschedules %v", st.Status, re, c.reschedule)
	}
}

func TestRemindsThirtyDaysBeforeExpiry(t *testing.T) {
	env, c := newEnv(t)
	in := input()
	in.RemindBefore = 30 * 24 * time.Hour
	env.ExecuteWorkflow(workflows.Resource, in)
	st := result(t, env)
	if st.Status != contract.StatusExpired || !st.Reminded {
		t.Fatalf("state %+v", st)
	}
	if len(c.remind) != 1 || !c.remind[0].Equal(in.ProtectedUntil.Add(-in.RemindBefore)) {
		t.Errorf("reminded at %v, want once at %v", c.remind, in.ProtectedUntil.Add(-in.RemindBefore))
	}
	if len(c.expire) != 1 || !c.expire[0].Equal(in.ProtectedUntil) {
		t.Errorf("expired at %v, want %v", c.expire, in.ProtectedUntil)
	}
}

func TestSignStopsExpiry(t *testing.T) {
	env, c := newEnv(t)
	in := input()
	in.RemindBefore = 30 * 24 * time.Hour
	sign, other, rel := &updateResult{}, &updateResult{}, &updateResult{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(contract.UpdateSign, "o", other, contract.SignRequest{ActorID: 4})
		env.UpdateWorkflow(contract.UpdateSign, "s", sign, contract.SignRequest{ActorID: 3})
	}, 30*24*time.Hour)
	var midway contract.ResourceState
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(contract.QueryState)
		if err == nil {
			err = v.Get(&midway)
		}
		if err != nil {
			t.Error(err)
		}
		env.UpdateWorkflow(contract.UpdateRelease, "r", rel, contract.ReleaseRequest{ActorID: 3, Reason: "contract ended"})
	}, 36*30*24*time.Hour) // a year past the old deadline
	env.ExecuteWorkflow(workflows.Resource, in)
	st := result(t, env)
	if other.err == nil || sign.err != nil || !sign.completed {
		t.Fatalf("sign by another rep %+v, by the owner %+v", other, sign)
	}
	if midway.Status != contract.StatusSigned {
		t.Errorf("a year past the deadline the status is %s, want signed", midway.Status)
	}
	if st.Status != contract.StatusReleased || len(c.expire) != 0 || len(c.remind) != 0 || len(c.sign) != 1 || len(c.release) != 1 {
		t.Fatalf("status %s; expire %v remind %v sign %v release %v", st.Status, c.expire, c.remind, c.sign, c.release)
	}
}
