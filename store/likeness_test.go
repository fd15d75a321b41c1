package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

func named(owner int64, name, number string) store.NewResource {
	nr := entry(owner, name, number)
	nr.CompanyKey = namekey.Key(name)
	return nr
}

func probe(name string, contacts ...string) []likeness.Key {
	return likeness.Probes(likeness.New(0, name, namekey.Parse(name), "苏州", contacts, nil))
}

func candidateIDs(t *testing.T, s *store.Store, probes []likeness.Key, except ...int64) []int64 {
	t.Helper()
	cs, _, err := s.LikenessMeet(context.Background(), probes, nil, except, 50)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.Profile.ID)
	}
	return ids
}

// TestLikenessIndexFollowsTheResource: an entry is indexed in its own
// transaction; an identity edit and a contact's change index it again, so
// the index never answers for what a resource no longer is.
func TestLikenessIndexFollowsTheResource(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	r, err := s.EnterResource(ctx, named(a.ID, "苏州日东精密电子有限公司", "111"), noop)
	if err != nil {
		t.Fatal(err)
	}
	if got := candidateIDs(t, s, probe("苏州日冬电子科技有限公司")); !slices.Equal(got, []int64{r.ID}) {
		t.Fatalf("a homophone finds %v, want [%d]", got, r.ID)
	}
	if got := candidateIDs(t, s, probe("苏州日冬电子科技有限公司"), r.ID); len(got) != 0 {
		t.Fatalf("except left out nothing: %v", got)
	}
	c, _, err := s.LikenessMeet(ctx, probe("苏州日东电子科技有限公司"), nil, nil, 10)
	if err != nil || len(c) != 1 || c[0].Owner == nil || c[0].Owner.ID != a.ID || c[0].Sea != resource.SeaPrivate ||
		c[0].Profile.TradeName != "日东" || c[0].Profile.Prefecture != "苏州市" {
		t.Fatalf("candidate %+v %v", c, err)
	}

	in := identity("苏州华美服饰有限公司", "111")
	in.CompanyKey = namekey.Key(in.Name)
	if _, err := s.UpdateIdentity(ctx, r.ID, a.ID, in, anyone); err != nil {
		t.Fatal(err)
	}
	if got := candidateIDs(t, s, probe("苏州日冬电子科技有限公司")); len(got) != 0 {
		t.Errorf("after the rename the old trade name still finds %v", got)
	}
	if got := candidateIDs(t, s, probe("苏州华美服装有限公司")); !slices.Equal(got, []int64{r.ID}) {
		t.Errorf("after the rename the new trade name finds %v", got)
	}

	if got := candidateIDs(t, s, probe("杭州完全不同有限公司", "李娜")); len(got) != 0 {
		t.Fatalf("a contact not yet added finds %v", got)
	}
	if _, err := s.ChangeContact(ctx, store.ContactChange{ResourceID: r.ID, ActorID: a.ID, May: anyone,
		Input: &store.ContactInput{Name: "李娜", Numbers: []resource.Number{{Type: "mobile", Raw: "m222", Normalized: "m222"}}}}); err != nil {
		t.Fatal(err)
	}
	if got := candidateIDs(t, s, probe("杭州完全不同有限公司", "李娜")); !slices.Equal(got, []int64{r.ID}) {
		t.Errorf("the added contact in 苏州 finds %v", got)
	}
}

// TestKeyLikenessKeysWhatIsMissing: resources entered before the index
// existed (or keyed by an older version) are keyed by KeyLikeness, once.
func TestKeyLikenessKeysWhatIsMissing(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	var ids []int64
	for i, name := range []string{"苏州日东精密电子有限公司", "苏州科瑞达机械有限公司", "杭州华美服饰有限公司"} {
		r, err := s.EnterResource(ctx, named(a.ID, name, string(rune('1'+i))+"11"), noop)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if _, err := raw[s].Exec(ctx, `DELETE FROM likeness_keys; UPDATE resources SET likeness_keyed = 0`); err != nil {
		t.Fatal(err)
	}
	if got := candidateIDs(t, s, probe("苏州科锐达机械有限公司")); len(got) != 0 {
		t.Fatalf("nothing keyed, yet %v found", got)
	}
	n, err := s.KeyLikeness(ctx, 2)
	if err != nil || n != 3 {
		t.Fatalf("KeyLikeness keyed %d (%v), want 3", n, err)
	}
	if got := candidateIDs(t, s, probe("苏州科锐达机械有限公司")); !slices.Equal(got, ids[1:2]) {
		t.Errorf("after keying %v found, want %v", got, ids[1:2])
	}
	if n, err := s.KeyLikeness(ctx, 2); err != nil || n != 0 {
		t.Errorf("a second run keyed %d (%v), want 0", n, err)
	}
}
