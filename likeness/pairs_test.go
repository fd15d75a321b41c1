package likeness

import (
	"testing"

	"github.com/tide-crm/tide/namekey"
)

func profile(id int64, name, region string, contacts, emails []string) Profile {
	return New(id, name, namekey.Parse(name), region, contacts, emails)
}

// TestNamedPairs: the issue's own examples, scored by the shipped rule.
func TestNamedPairs(t *testing.T) {
	s := defaultScorer(t)
	one := func(Key, string) int { return 1 }
	tests := []struct {
		a, b    string
		region  string
		same    bool
		reasons []string
	}{
		{"苏州日东精密电子有限公司", "日东电子科技（苏州）有限公司", "苏州", true, []string{"same_trade_name", "same_region", "industry_overlap"}},
		{"苏州日东精密电子有限公司", "苏州日冬精密电子有限公司", "苏州", true, []string{"same_pinyin", "same_region", "same_industry"}},
		{"苏州科瑞达机械有限公司", "苏州科锐达机械设备有限公司", "苏州", true, []string{"same_pinyin", "same_region", "industry_overlap"}},
		{"苏州海天龙模具有限公司", "苏州海大龙模具有限公司", "苏州", true, []string{"one_char_apart", "same_region", "same_industry"}},
		{"苏州日东精密有限公司", "苏州日立精密有限公司", "苏州", false, nil},
		{"深圳华为技术有限公司", "深圳华美技术有限公司", "深圳", false, nil},
		{"北京长城餐饮有限公司", "深圳长城电子有限公司", "", false, nil},
	}
	for _, tt := range tests {
		a, b := profile(2, tt.a, tt.region, nil, nil), profile(1, tt.b, tt.region, nil, nil)
		p := Compare(a, b, one)
		score := s.of(t, p)
		if got := score >= s.threshold; got != tt.same {
			t.Errorf("%s / %s: score %d %v, want same company %v", tt.a, tt.b, score, p.Reasons, tt.same)
		}
		for i, code := range tt.reasons {
			if i >= len(p.Reasons) || p.Reasons[i].Code != code {
				t.Errorf("%s / %s: reasons %v, want codes %v", tt.a, tt.b, p.Reasons, tt.reasons)
				break
			}
		}
	}
}

// TestReasonsInWords: what sales support reads.
func TestReasonsInWords(t *testing.T) {
	a := profile(2, "苏州日冬电子科技有限公司", "苏州", []string{"张伟", "李 娜"}, []string{"zw@ridong.com.cn", "x@qq.com"})
	b := profile(1, "苏州日东精密电子有限公司", "江苏省苏州市", []string{"李娜", "张伟"}, []string{"sales@RiDong.com.cn"})
	p := Compare(a, b, func(Key, string) int { return 1 })
	want := []string{"字号 日冬 / 日东 同音（ri dong）", "同在苏州", "行业 电子科技 / 精密电子", "联系人 张伟、李娜 相同", "邮箱域名 ridong.com.cn 相同"}
	if len(p.Reasons) != len(want) {
		t.Fatalf("reasons %v, want %v", p.Reasons, want)
	}
	for i, w := range want {
		if p.Reasons[i].Text != w {
			t.Errorf("reason %d = %q, want %q", i, p.Reasons[i].Text, w)
		}
	}
	if !p.Env.SamePinyin || p.Env.SharedContacts != 2 || !p.Env.SameEmailDomain || !p.Env.SameRegion {
		t.Errorf("env %+v", p.Env)
	}
}

// TestPublicMailIsNoEvidence: two companies whose contacts use qq.com
// share a provider, not a company.
func TestPublicMailIsNoEvidence(t *testing.T) {
	for _, e := range []string{"a@qq.com", "b@vip.163.com", "c@Gmail.com", "d@mail.ru"} {
		if d := Domain(e); !IsPublicDomain(d) {
			t.Errorf("%s: domain %q is not public", e, d)
		}
	}
	for _, e := range []string{"a@ridong.com.cn", "b@mail.ridong.com", "c@hua-mei.cn"} {
		if d := Domain(e); d == "" || IsPublicDomain(d) {
			t.Errorf("%s: domain %q", e, d)
		}
	}
	if d := Domain("b@mail.ridong.com"); d != "ridong.com" {
		t.Errorf("Domain(b@mail.ridong.com) = %q", d)
	}
	a := profile(1, "苏州甲乙机械有限公司", "苏州", nil, []string{"x@qq.com"})
	b := profile(2, "杭州丙丁服装有限公司", "杭州", nil, []string{"y@qq.com"})
	if p := Compare(a, b, func(Key, string) int { return 1 }); p.Env.SameEmailDomain {
		t.Errorf("qq.com counted as a shared domain: %v", p.Reasons)
	}
}

// TestReservedDomainsAreNoEvidence: example.com and the reserved test
// TLDs are what a sheet's template and test data hold, not any company's
// mail: thousands of rows sharing them are not one company.
func TestReservedDomainsAreNoEvidence(t *testing.T) {
	for _, d := range []string{"example.com", "mail.example.org", "rido.example", "x.test", "corp.local"} {
		if !IsPublicDomain(d) {
			t.Errorf("IsPublicDomain(%q) = false", d)
		}
	}
	for _, d := range []string{"rido.com.cn", "example.cn", "testing.com", "localhost.com.cn"} {
		if IsPublicDomain(d) {
			t.Errorf("IsPublicDomain(%q) = true: a company's domain", d)
		}
	}
}

// TestOneApartAndBigrams pins the two string comparisons Compare makes on
// every pair a search weighs.
func TestOneApartAndBigrams(t *testing.T) {
	apart := map[[2]string]bool{
		{"日东", "日冬"}: true, {"日东新", "日东"}: true, {"日东", "日东新"}: true, {"新日东", "日东"}: true,
		{"日东", "日东"}: false, {"日东", "月冬"}: false, {"日东新材", "日东"}: false,
		{"测速0000123", "测速0000124"}: false, {"日东a", "日东"}: false, {"a日东", "b日东"}: false, {"科瑞达", "科锐达"}: true,
	}
	for p, want := range apart {
		if got := oneApart(p[0], p[1]); got != want {
			t.Errorf("oneApart(%s, %s) = %v", p[0], p[1], got)
		}
	}
	bigram := map[[2]string]bool{
		{"精密电子", "电子科技"}: true, {"电子科技", "精密电子"}: true, {"机械", "精密机械"}: true,
		{"机械", "五金"}: false, {"电", "电子"}: false, {"", "电子"}: false, {"电子", ""}: false, {"网络科技", "科学"}: false,
	}
	for p, want := range bigram {
		if got := sharesBigram(p[0], p[1]); got != want {
			t.Errorf("sharesBigram(%s, %s) = %v", p[0], p[1], got)
		}
	}
}
