package phone

import (
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func TestAreaTable(t *testing.T) {
	tab := areaTab()
	if len(tab.bad) > 0 {
		t.Errorf("unreadable lines in data/areacodes.tsv: %q", tab.bad)
	}
	if len(tab.byCode) < 300 {
		t.Errorf("%d area codes, want more than 300", len(tab.byCode))
	}
	for code, zh := range map[string]string{"10": "北京市", "21": "上海市", "512": "江苏省苏州市", "571": "浙江省杭州市", "755": "广东省深圳市"} {
		if a := tab.byCode[code]; a == nil || a.zh != zh {
			t.Errorf("area 0%s = %+v, want %s", code, a, zh)
		}
	}
	for _, p := range []string{"北京", "上海", "天津", "重庆"} {
		if tab.municipal[p] == nil {
			t.Errorf("%s is not a municipality", p)
		}
	}
	// "086-…" is read as a country code because no area code starts with 86.
	for code := range tab.byCode {
		if strings.HasPrefix(code, "86") {
			t.Errorf("area code 0%s starts with 86", code)
		}
	}
	// Each English preference settles a name that is really shared.
	for name, code := range englishPreferred {
		as := tab.enCity[name]
		if len(as) < 2 || !containsArea(as, tab.byCode[code]) {
			t.Errorf("englishPreferred[%q] = %s, but the name belongs to %v", name, code, listAreas(as))
		}
	}
}

func TestAreaForRegion(t *testing.T) {
	tests := []struct{ region, code, why string }{
		{"苏州", "512", ""},
		{"苏州市", "512", ""},
		{"江苏省苏州市", "512", ""},
		{"江苏苏州", "512", ""},
		{"中国江苏省苏州市吴中区", "512", ""},
		{" 苏州 ", "512", ""},
		{"Suzhou", "512", ""},
		{"suzhou, jiangsu", "512", ""},
		{"Suzhou, Anhui", "557", ""},
		{"宿州", "557", ""},
		{"Fuzhou", "591", ""},
		{"Fuzhou Jiangxi", "794", ""},
		{"北京", "10", ""},
		{"北京市海淀区", "10", ""},
		{"Beijing", "10", ""},
		{"上海市浦东新区", "21", ""},
		{"广西壮族自治区南宁市", "771", ""},
		{"内蒙古呼和浩特", "471", ""},
		{"延边", "433", ""},
		{"黔东南苗族侗族自治州", "855", ""},
		{"吉林市", "432", ""},
		{"吉林省长春市", "431", ""},
		{"海南省海口市", "898", ""},
		{"辽宁朝阳", "421", ""},
		{"沈阳", "24", ""},
		{"沈阳市", "24", ""},
		{"铁岭", "", "several cities"}, // 024 and its old 0410 are both in the data
		{"吴中区苏州", "512", ""},
		{"Xi An", "29", ""},
		{"", "", `the region "" does not name a city`},
		{"吴中区", "", "does not name a city"},
		{"昆山", "", "does not name a city"},
		{"江苏", "", "names a province"},
		{"吉林", "", "names a province"},
		{"资阳", "", "several cities"},
		{"伊犁", "", "several cities"},
		{"园区苏州无锡", "", "several cities"},
		{"Taizhou", "", "several cities"},
		{"Taizhou, Zhejiang", "576", ""},
		{"Atlantis", "", "does not name a city"},
	}
	for _, tt := range tests {
		a, phrase := areaTab().areaForRegion(tt.region)
		why := ""
		if phrase.Format != "" {
			why = phrase.String()
		}
		code := ""
		if a != nil {
			code = a.code
		}
		if code != tt.code || !strings.Contains(why, tt.why) || (tt.why == "") != (why == "") {
			t.Errorf("areaForRegion(%q) = %q, %q; want %q, %q", tt.region, code, why, tt.code, tt.why)
		}
	}
}

func TestShortZh(t *testing.T) {
	for in, want := range map[string]string{
		"苏州市": "苏州", "那曲地区": "那曲", "锡林郭勒盟": "锡林郭勒", "延边朝鲜族自治州": "延边",
		"黔东南苗族侗族自治州": "黔东南", "海西蒙古族藏族自治州": "海西", "伊犁哈萨克自治州": "伊犁", "索县": "索县", "双湖": "双湖",
	} {
		if got := shortZh(in); got != want {
			t.Errorf("shortZh(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAreaLen checks the shortcut areaLen against libphonenumber for every
// area code and for mobile and 400/800 numbers.
func TestAreaLen(t *testing.T) {
	nats := []string{"13800138000", "19912345678", "4008123456", "8008108888"}
	for code := range areaTab().byCode {
		for _, l := range []int{7, 8} {
			for first := '2'; first <= '9'; first++ {
				nat := code + string(first) + "2345678"[:l-1]
				if num, err := phonenumbers.Parse("+86"+nat, "ZZ"); err == nil && phonenumbers.IsValidNumber(num) {
					nats = append(nats, nat)
					break
				}
			}
		}
	}
	for _, nat := range nats {
		num, err := phonenumbers.Parse("+86"+nat, "ZZ")
		if err != nil || !phonenumbers.IsValidNumber(num) {
			t.Errorf("+86%s does not parse: %v", nat, err)
			continue
		}
		// 0807 (索县, whose only numbers are 0807-8xxxxxxx) is formatted by
		// libphonenumber as 08078; the table knows it as area code 0807.
		if want := phonenumbers.GetLengthOfNationalDestinationCode(num); areaLen(nat) != want && !strings.HasPrefix(nat, "807") {
			t.Errorf("areaLen(%s) = %d, libphonenumber says %d", nat, areaLen(nat), want)
		}
		if e := phonenumbers.Format(num, phonenumbers.E164); e != "+86"+nat {
			t.Errorf("+86%s formats as %s", nat, e)
		}
	}
}
