package rules

import (
	"encoding/json"
	"testing"
)

// defaultFixtures are the documented answers of every shipped default.
var defaultFixtures = map[string][]Fixture{
	"capacity.limit": {
		{Name: "any rep", Env: raw(`{"rep":{"id":7,"role":"rep"},"counts":{"private":120,"private_unsigned":80}}`), Expect: raw(`300`)},
	},
	"pick.allowed": {
		{Name: "someone else released it", Env: raw(`{"rep":{"id":7},"resource":{"released_at":"2026-03-29T10:00:00+08:00","released_by":9},"picks_today":3,"now":"2026-03-30T09:00:00+08:00"}`), Expect: raw(`{"ok":true}`)},
		{Name: "never released", Env: raw(`{"rep":{"id":7},"resource":{"kind":"company"},"picks_today":19,"now":"2026-03-30T09:00:00+08:00"}`), Expect: raw(`{"ok":true}`)},
		{Name: "20 picks today", Env: raw(`{"rep":{"id":7},"resource":{},"picks_today":20,"now":"2026-03-30T09:00:00+08:00"}`), Expect: raw(`{"ok":false,"reason":"at most 20 picks a day"}`)},
		{Name: "released by me 29 days ago", Env: raw(`{"rep":{"id":7},"resource":{"released_at":"2026-03-01T10:00:00+08:00","released_by":7},"picks_today":0,"now":"2026-03-30T09:00:00+08:00"}`), Expect: raw(`{"ok":false,"reason":"you released it less than 30 days ago"}`)},
		{Name: "released by me 30 days ago", Env: raw(`{"rep":{"id":7},"resource":{"released_at":"2026-03-01T10:00:00+08:00","released_by":7},"picks_today":0,"now":"2026-03-31T09:00:00+08:00"}`), Expect: raw(`{"ok":true}`)},
		{Name: "days counted in China time", Env: raw(`{"rep":{"id":7},"resource":{"released_at":"2026-03-01T15:59:00Z","released_by":7},"picks_today":0,"now":"2026-03-30T16:01:00Z"}`), Expect: raw(`{"ok":true}`)},
	},
	"protection.until": {
		{Name: "china.Zone month arithmetic", Env: raw(`{"now":"2026-02-28T20:00:00Z"}`), Expect: raw(`"2028-03-01T04:00:00+08:00"`)},
	},
	"expiry.reminder_before": {
		{Name: "30 days", Env: raw(`{}`), Expect: raw(`"720h"`)},
	},
	"entry.deadline": {
		{Name: "two workdays", Env: raw(`{"approved_at":"2026-03-02T15:00:00+08:00"}`), Expect: raw(`"2026-03-04T00:00:00+08:00"`)},
		{Name: "over Spring Festival", Env: raw(`{"approved_at":"2026-02-13T15:00:00+08:00"}`), Expect: raw(`"2026-02-25T00:00:00+08:00"`)},
	},
	"name_correction.deadline": {
		{Name: "over a weekend", Env: raw(`{"approved_at":"2026-03-06T18:00:00+08:00"}`), Expect: raw(`"2026-03-10T00:00:00+08:00"`)},
	},
	"application.open_limit": {
		{Name: "room for 5", Env: raw(`{"capacity":300,"counts":{"private":295}}`), Expect: raw(`5`)},
		{Name: "plenty of room", Env: raw(`{"capacity":300,"counts":{"private":10}}`), Expect: raw(`20`)},
		{Name: "at capacity", Env: raw(`{"capacity":0,"counts":{"private":0}}`), Expect: raw(`0`)},
		{Name: "over capacity after a lowered limit", Env: raw(`{"capacity":100,"counts":{"private":120}}`), Expect: raw(`0`)},
	},
	"application.review_deadline": {
		{Name: "five working days over a weekend", Env: raw(`{"filed_at":"2026-03-06T18:00:00+08:00"}`), Expect: raw(`"2026-03-13T00:00:00+08:00"`)}, // the fake calendar answers the start of the day
	},
	"application.auto_approve": {
		{Name: "never", Env: raw(`{"rep":{"id":7},"application":{"type":"entry","kind":"company","region":"浙江"}}`), Expect: raw(`false`)},
	},
	"likeness.score": {
		{Name: "日东精密电子 / 日东电子科技 in one city", Env: raw(`{"same_trade_name":true,"trade_name_length":2,"trade_name_holders":1,"same_region":true,"industry_overlap":true}`), Expect: raw(`70`)},
		{Name: "a common trade name weighs less", Env: raw(`{"same_trade_name":true,"trade_name_length":2,"trade_name_holders":9,"same_region":true,"industry_overlap":true}`), Expect: raw(`55`)},
		{Name: "日东 / 日冬 in one city and trade", Env: raw(`{"same_pinyin":true,"trade_name_length":2,"trade_name_holders":1,"same_region":true,"same_industry":true}`), Expect: raw(`65`)},
		{Name: "日东精密 / 日立精密: two characters, one apart", Env: raw(`{"one_char_apart":true,"trade_name_length":2,"same_region":true,"same_industry":true}`), Expect: raw(`30`)},
		{Name: "renamed, the company's mail domain", Env: raw(`{"same_email_domain":true,"shared_contacts":1,"same_region":true}`), Expect: raw(`100`)},
		{Name: "other cities weigh against", Env: raw(`{"same_trade_name":true,"trade_name_length":2,"trade_name_holders":1,"other_region":true}`), Expect: raw(`30`)},
	},
	"likeness.threshold": {
		{Name: "sixty everywhere", Env: raw(`{"action":"search"}`), Expect: raw(`60`)},
	},
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

func TestDefaultsCompileAndPassTheirFixtures(t *testing.T) {
	cal := newFakeCalendar()
	for _, pt := range Points() {
		p, err := Compile(pt.Name, pt.Default, cal)
		if err != nil {
			t.Errorf("%s: default does not compile: %v", pt.Name, err)
			continue
		}
		fx := defaultFixtures[pt.Name]
		if len(fx) == 0 {
			t.Errorf("%s: no fixtures", pt.Name)
		}
		for _, f := range p.Check(fx) {
			t.Errorf("%s: %s", pt.Name, f)
		}
	}
}

func TestPointsAreStableAndLookedUp(t *testing.T) {
	want := []string{"capacity.limit", "pick.allowed", "protection.until", "expiry.reminder_before",
		"entry.deadline", "name_correction.deadline", "application.auto_approve", "application.open_limit",
		"application.review_deadline", "likeness.score", "likeness.threshold"}
	got := Points()
	if len(got) != len(want) {
		t.Fatalf("%d points, want %d", len(got), len(want))
	}
	for i, p := range got {
		if p.Name != want[i] {
			t.Errorf("point %d = %s, want %s", i, p.Name, want[i])
		}
		if q, ok := Lookup(p.Name); !ok || q.Name != p.Name || q.Default != p.Default {
			t.Errorf("Lookup(%s) = %v, %v", p.Name, q.Name, ok)
		}
		if _, ok := resultTypes[p.Result]; !ok || p.Env == nil || p.Doc == "" {
			t.Errorf("%s is incomplete: %+v", p.Name, p)
		}
	}
	got[0].Name = "changed"
	if Points()[0].Name != "capacity.limit" {
		t.Error("Points returns the package's own slice")
	}
	if _, ok := Lookup("capacity.limits"); ok {
		t.Error("Lookup found an unknown point")
	}
}
