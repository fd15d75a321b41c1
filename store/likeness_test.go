package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	cs, _, err := s.LikenessMeet(context.Background(), probes, except, 50)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.ID)
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
	sk, _, err := s.LikenessMeet(ctx, probe("苏州日东电子科技有限公司"), nil, 10)
	if err != nil || len(sk) != 1 || !sk[0].Indexed || sk[0].TradeName != "日东" || sk[0].Industry != "精密电子" ||
		sk[0].Prefecture != "苏州市" || len(sk[0].Contacts) != 0 || len(sk[0].Met) != 2 || !slices.Contains(sk[0].Met, likeness.Key{Kind: likeness.KindTrade, Value: "日东"}) || !slices.Contains(sk[0].Met, likeness.Key{Kind: likeness.KindPinyin, Value: "ri-dong"}) {
		t.Fatalf("sketch %+v %v", sk, err)
	}
	c, err := s.LikenessCandidates(ctx, []int64{r.ID})
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

// TestSketchIsWhatTheIndexCarries: the sketch a search reads from the
// index alone is the one likeness.SketchOf makes from the stored profile —
// the fields Weigh needs, and the probes held (a contact in the same city,
// a company mail domain) — so that weighing it equals comparing the
// resource read whole. A resource with more contacts than a key carries
// is sketched as not indexed: the search reads it.
func TestSketchIsWhatTheIndexCarries(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	nr := named(a.ID, "苏州日东精密电子有限公司", "111")
	nr.Contacts = []store.NewContact{
		{Name: "张伟", Email: "zw@rido.cn", Numbers: []resource.Number{{Type: "mobile", Raw: "m1", Normalized: "m1"}}},
		{Name: "李娜", Numbers: []resource.Number{{Type: "mobile", Raw: "m2", Normalized: "m2"}}}}
	r, err := s.EnterResource(ctx, nr, noop)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.LikenessProfiles(ctx, []int64{r.ID, r.ID + 1000})
	if err != nil || len(ps) != 1 {
		t.Fatal(ps, err)
	}
	stored := ps[0]
	name := "苏州日冬电子科技有限公司"
	search := likeness.New(0, name, namekey.Parse(name), "苏州", []string{"张伟"}, []string{"sales@rido.cn"})
	got, _, err := s.LikenessMeet(ctx, likeness.Probes(search), nil, 100)
	if err != nil || len(got) != 1 {
		t.Fatalf("sketches %+v %v", got, err)
	}
	want := likeness.SketchOf(search, stored)
	slices.SortFunc(got[0].Met, cmpKey)
	slices.SortFunc(want.Met, cmpKey)
	if fmt.Sprint(got[0]) != fmt.Sprint(want) || len(want.Met) != 3 {
		t.Errorf("sketch from the index\n %+v\nfrom the stored profile\n %+v", got[0], want)
	}

	var many []store.NewContact
	for i := range 40 {
		many = append(many, store.NewContact{Name: fmt.Sprintf("联系人%02d", i), Numbers: []resource.Number{{Type: "mobile", Raw: fmt.Sprint("x", i), Normalized: fmt.Sprint("x", i)}}})
	}
	big := named(a.ID, "苏州科瑞达机械有限公司", "222")
	big.Contacts = many
	if _, err := s.EnterResource(ctx, big, noop); err != nil {
		t.Fatal(err)
	}
	got, _, err = s.LikenessMeet(ctx, probe("苏州科锐达机械有限公司"), nil, 100)
	if err != nil || len(got) != 1 || got[0].Indexed || len(got[0].Met) == 0 {
		t.Errorf("a resource of 40 contacts is sketched %+v (%v); want met, not indexed", got, err)
	}
}

func cmpKey(a, b likeness.Key) int { return strings.Compare(a.Kind+"|"+a.Value, b.Kind+"|"+b.Value) }

// TestLikenessMeetCountsHolders: the holders of a key in a city are all
// the resources holding it there — the excepted one (an edited resource
// holds its own trade name) and those past the limit included — while
// past the limit a resource whose entries may be cut is left out.
func TestLikenessMeetCountsHolders(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	var ids []int64
	for i, name := range []string{"苏州日东精密电子有限公司", "苏州日东机械有限公司", "苏州日东服饰有限公司", "杭州日东餐饮有限公司"} {
		nr := named(a.ID, name, fmt.Sprint(100+i))
		nr.Region = name[:len("苏州")]
		r, err := s.EnterResource(ctx, nr, noop)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	trade := likeness.Key{Kind: likeness.KindTrade, Value: "日东"}
	sk, holders, err := s.LikenessMeet(ctx, probe("苏州日东物流有限公司"), ids[:1], 100)
	if err != nil {
		t.Fatal(err)
	}
	if got := candidateIDsOf(sk); !slices.Equal(got, ids[1:]) || holders[trade]["苏州市"] != 3 || holders[trade]["杭州市"] != 1 {
		t.Errorf("sketches %v, holders %v; want %v and 3 in 苏州, 1 in 杭州", got, holders, ids[1:])
	}
	// Each resource holds two entries (trade name and reading): a limit of
	// three entries cuts the second resource's.
	sk, holders, err = s.LikenessMeet(ctx, probe("苏州日东物流有限公司"), nil, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := candidateIDsOf(sk); !slices.Equal(got, ids[:1]) || holders[trade]["苏州市"] != 3 {
		t.Errorf("limited: sketches %v, holders %v; want %v and 3 in 苏州", got, holders, ids[:1])
	}
}

func candidateIDsOf(sk []likeness.Sketch) []int64 {
	var ids []int64
	for _, s := range sk {
		ids = append(ids, s.ID)
	}
	return ids
}
