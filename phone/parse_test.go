package phone

import (
	"errors"
	"strings"
	"testing"
)

// w is one expected number: its key, extension and line.
type w struct{ e164, ext, line string }

const (
	sz   = "+8651265881234" // 0512-65881234, Suzhou
	sz5  = "+8651265881235"
	mob  = "+8613800138000"
	mob2 = "+8613900000000"
	land = LineLandline
	mobL = LineMobile
	free = LineTollFree
)

var parseCases = []struct {
	in, region string
	want       []w
	err        string // a substring of the error message, for inputs that are refused
	kind       Kind
}{
	// Landlines: spaces, dashes, dots, brackets, with or without the trunk 0.
	{in: "0512-65881234", want: []w{{sz, "", land}}},
	{in: "(0512) 6588-1234", want: []w{{sz, "", land}}},
	{in: "0512.6588.1234", want: []w{{sz, "", land}}},
	{in: "0512 65881234", want: []w{{sz, "", land}}},
	{in: "0512 6588 1234", want: []w{{sz, "", land}}},
	{in: "051265881234", want: []w{{sz, "", land}}},
	{in: "51265881234", want: []w{{sz, "", land}}}, // the interim normal form, still read
	{in: "[0512]65881234", want: []w{{sz, "", land}}},
	{in: "010-62345678", want: []w{{"+861062345678", "", land}}},
	{in: "021 6123 4567", want: []w{{"+862161234567", "", land}}},
	{in: "020-87654321", want: []w{{"+862087654321", "", land}}},
	{in: "0571-87654321", want: []w{{"+8657187654321", "", land}}},
	{in: "0755-83456789", want: []w{{"+8675583456789", "", land}}},
	{in: "0311-81234567", want: []w{{"+8631181234567", "", land}}},
	// Country codes.
	{in: "+86 512 65881234", want: []w{{sz, "", land}}},
	{in: "+86-512-6588-1234", want: []w{{sz, "", land}}},
	{in: "+8651265881234", want: []w{{sz, "", land}}},
	{in: "0086 512 65881234", want: []w{{sz, "", land}}},
	{in: "0086-0512-65881234", want: []w{{sz, "", land}}},
	{in: "086-512-65881234", want: []w{{sz, "", land}}},
	{in: "86-512-65881234", want: []w{{sz, "", land}}},
	{in: "+86 (0)512 65881234", want: []w{{sz, "", land}}},
	{in: "+86 0512 65881234", want: []w{{sz, "", land}}},
	{in: "(+86) 512-65881234", want: []w{{sz, "", land}}},
	// Full-width digits and symbols, ideographic spaces, long dashes.
	{in: "０５１２－６５８８１２３４", want: []w{{sz, "", land}}},
	{in: "（０５１２）６５８８１２３４", want: []w{{sz, "", land}}},
	{in: "＋８６　５１２　６５８８　１２３４", want: []w{{sz, "", land}}},
	{in: "０５１２—６５８８１２３４", want: []w{{sz, "", land}}},
	{in: "０５１２－６５８８１２３４转８００１", want: []w{{sz, "8001", land}}},
	// Mobiles.
	{in: "13800138000", want: []w{{mob, "", mobL}}},
	{in: "138 0013 8000", want: []w{{mob, "", mobL}}},
	{in: "138-0013-8000", want: []w{{mob, "", mobL}}},
	{in: "+86 138 0013 8000", want: []w{{mob, "", mobL}}},
	{in: "+8613800138000", want: []w{{mob, "", mobL}}},
	{in: "008613800138000", want: []w{{mob, "", mobL}}},
	{in: "8613800138000", want: []w{{mob, "", mobL}}},
	{in: "086-13800138000", want: []w{{mob, "", mobL}}},
	{in: "１３８００１３８０００", want: []w{{mob, "", mobL}}},
	{in: "＋８６ １３８００１３８０００", want: []w{{mob, "", mobL}}},
	{in: "19912345678", want: []w{{"+8619912345678", "", mobL}}},
	{in: "15012345678", want: []w{{"+8615012345678", "", mobL}}},
	// 400 and 800 numbers.
	{in: "400-812-3456", want: []w{{"+864008123456", "", free}}},
	{in: "4008123456", want: []w{{"+864008123456", "", free}}},
	{in: "400 812 3456", want: []w{{"+864008123456", "", free}}},
	{in: "+86 400 812 3456", want: []w{{"+864008123456", "", free}}},
	{in: "800-810-8888", want: []w{{"+868008108888", "", free}}},
	{in: "400-812-3456转8001", want: []w{{"+864008123456", "8001", free}}},
	{in: "400-812-3456-8001", want: []w{{"+864008123456", "8001", free}}},
	// Extensions, in every notation.
	{in: "0512-65881234-8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234转8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234 转 8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234分机8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234 分机号：8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234 ext 8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234 ext.8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234 EXT. 8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234x8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234 X 8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234#8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234,8001", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234，8001", want: []w{{sz, "8001", land}}},
	{in: "(0512)65881234(转8001)", want: []w{{sz, "8001", land}}},
	{in: "0512-65881234#", want: []w{{sz, "", land}}}, // a stray # is no extension
	// What a fax field holds is read like any landline: the key does not
	// depend on the field (R2).
	{in: "0512-6588 1235", want: []w{{sz5, "", land}}},
	{in: "传真 0512-65881235", err: `contains letters ("传真")`, kind: KindLetters},
	// Several numbers in one field.
	{in: "0512-65881234/65881235", want: []w{{sz, "", land}, {sz5, "", land}}},
	{in: "0512-65881234/5", want: []w{{sz, "", land}, {sz5, "", land}}},
	{in: "0512-65881234/35", want: []w{{sz, "", land}, {sz5, "", land}}},
	{in: "0512-65881234、65881235", want: []w{{sz, "", land}, {sz5, "", land}}},
	{in: "0512-65881234 65881235", want: []w{{sz, "", land}, {sz5, "", land}}},
	{in: "0512-65881234, 65881235", want: []w{{sz, "", land}, {sz5, "", land}}},
	{in: "0512-65881234;021-61234567", want: []w{{sz, "", land}, {"+862161234567", "", land}}},
	{in: "0512-65881234；021-61234567", want: []w{{sz, "", land}, {"+862161234567", "", land}}},
	{in: "138 0013 8000，139 0000 0000", want: []w{{mob, "", mobL}, {mob2, "", mobL}}},
	{in: "13800138000/13900000000", want: []w{{mob, "", mobL}, {mob2, "", mobL}}},
	{in: "13800138000 13900000000", want: []w{{mob, "", mobL}, {mob2, "", mobL}}},
	{in: "138 0013 8000 139 0000 0000", want: []w{{mob, "", mobL}, {mob2, "", mobL}}},
	{in: "0512-65881234 13800138000", want: []w{{sz, "", land}, {mob, "", mobL}}},
	{in: "0512-65881234转8001/8002", want: []w{{sz, "8001", land}, {sz, "8002", land}}},
	{in: "13800138000/13800138000", want: []w{{mob, "", mobL}}}, // the same number once
	{in: "13800138000/1", want: []w{{mob, "", mobL}, {"+8613800138001", "", mobL}}},
	{in: "13800138000/65881234", region: "苏州", want: []w{{mob, "", mobL}, {sz, "", land}}},
	// A bare local number takes its area code from the region.
	{in: "65881234", region: "苏州", want: []w{{sz, "", land}}},
	{in: "65881234", region: "苏州市", want: []w{{sz, "", land}}},
	{in: "65881234", region: "江苏省苏州市", want: []w{{sz, "", land}}},
	{in: "65881234", region: "江苏苏州", want: []w{{sz, "", land}}},
	{in: "65881234", region: "苏州市吴中区", want: []w{{sz, "", land}}},
	{in: "65881234", region: "Suzhou", want: []w{{sz, "", land}}},
	{in: "65881234", region: "Suzhou, Jiangsu", want: []w{{sz, "", land}}},
	{in: "6588-1234", region: "苏州", want: []w{{sz, "", land}}},
	{in: "65881234/65881235", region: "苏州", want: []w{{sz, "", land}, {sz5, "", land}}},
	{in: "6588123", region: "Suzhou, Anhui", want: []w{{"+865576588123", "", land}}},
	{in: "6588123", region: "安徽省宿州市", want: []w{{"+865576588123", "", land}}},
	{in: "62345678", region: "北京", want: []w{{"+861062345678", "", land}}},
	{in: "62345678", region: "北京市朝阳区", want: []w{{"+861062345678", "", land}}},
	{in: "61234567", region: "上海", want: []w{{"+862161234567", "", land}}},
	{in: "87654321", region: "浙江省杭州市西湖区", want: []w{{"+8657187654321", "", land}}},
	{in: "87654321", region: "Xi'an", want: []w{{"+862987654321", "", land}}},
	{in: "62345678", region: "吉林省吉林市", want: []w{{"+8643262345678", "", land}}},
	{in: "0571-87654321", region: "苏州", want: []w{{"+8657187654321", "", land}}}, // a complete number ignores the region
	// Foreign numbers, with + or 00.
	{in: "+1 202 555 0100", want: []w{{"+12025550100", "", LineOther}}},
	{in: "001 202 555 0100", want: []w{{"+12025550100", "", LineOther}}},
	{in: "+852 2123 4567", want: []w{{"+85221234567", "", land}}},
	{in: "+81 3-1234-5678", want: []w{{"+81312345678", "", land}}},
	// Refused, with a message that says why.
	{in: "", err: "the number is empty", kind: KindEmpty},
	{in: "  ", err: "the number is empty", kind: KindEmpty},
	{in: " / ，", err: "the number is empty", kind: KindEmpty},
	{in: "12345", err: `"12345" is too short to be a phone number`, kind: KindTooShort},
	{in: "95588", err: "too short", kind: KindTooShort},
	{in: "+86 12", err: "too short", kind: KindTooShort},
	{in: "0512658812340512658812", err: "too long to be one phone number", kind: KindTooLong},
	{in: "abc", err: `"abc" contains letters`, kind: KindLetters},
	{in: "13800138000abc", err: `contains letters ("abc")`, kind: KindLetters},
	{in: "电话：0512-65881234", err: `contains letters ("电话")`, kind: KindLetters},
	{in: "0512-65881234/abc", err: `"abc" contains letters`, kind: KindLetters},
	{in: "0512*65881234", err: "contains '*'", kind: KindCharacter},
	{in: "138+00138000", err: "a + may only stand before the country code", kind: KindCharacter},
	{in: "12800138000", err: "Chinese mobile numbers start with 13 to 19", kind: KindMobile},
	{in: "1380013800", err: "Chinese mobile numbers have 11 digits, this one has 10", kind: KindMobile},
	{in: "14012345678", err: "no Chinese mobile numbers start with 140", kind: KindMobile},
	{in: "0123-4567890", err: "there is no area code 0123", kind: KindAreaCode},
	{in: "0260-1234567", err: "there is no area code 026", kind: KindAreaCode},
	{in: "0512-658812", err: "a local number in area 0512 (江苏省苏州市) has 8 digits, this one has 6", kind: KindLocalLength},
	{in: "400-812-345", err: "they have 10 digits", kind: KindInvalid},
	{in: "010-00000000", err: "the local number cannot start with 0", kind: KindInvalid},
	{in: "0531-1230", err: "a local number in area 0531 (山东省济南市) has 8 digits, this one has 4", kind: KindLocalLength},
	{in: "010-95588", err: "has 8 digits, this one has 5", kind: KindLocalLength},
	{in: "65881234", err: `"65881234" is a local number without an area code and the region "" does not name a city; write it with its area code, like 0512-65881234`, kind: KindNoAreaCode},
	{in: "65881234", region: "吴中区", err: `the region "吴中区" does not name a city`, kind: KindNoAreaCode},
	{in: "65881234", region: "资阳", err: `the region "资阳" could be any of several cities (028 `, kind: KindNoAreaCode},
	{in: "65881234", region: "Taizhou", err: "could be any of several cities", kind: KindNoAreaCode},
	{in: "65881234", region: "吉林省", err: "names a province, not a city", kind: KindNoAreaCode},
	{in: "+1 202 555", err: "is not a valid number for country code +1 (US)", kind: KindInvalid},
	{in: "+999 1234 5678", err: "country calling code", kind: KindCountryCode},
	{in: "0512-65881234转", err: `has the extension marker "转" but no extension digits`, kind: KindExtension},
	{in: "0512-65881234转1234567", err: "an extension is 1 to 6 digits", kind: KindExtension},
	{in: "0512-65881234 8001", err: "write an extension as 转8001 or ext 8001", kind: KindExtension},
	{in: "13800138000-8001", err: "a mobile number has no extension", kind: KindExtension},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		got, err := Parse(c.in, c.region)
		if c.err != "" {
			var pe *Error
			switch {
			case err == nil:
				t.Errorf("Parse(%q, %q) = %v, want an error containing %q", c.in, c.region, got, c.err)
			case !errors.As(err, &pe):
				t.Errorf("Parse(%q, %q): error %T, want *Error", c.in, c.region, err)
			case !strings.Contains(err.Error(), c.err) || pe.Kind != c.kind:
				t.Errorf("Parse(%q, %q): error %s %q, want %s containing %q", c.in, c.region, pe.Kind, err, c.kind, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q, %q): %v", c.in, c.region, err)
			continue
		}
		var ws []w
		for _, n := range got {
			ws = append(ws, w{n.E164, n.Extension, n.Line})
			if n.Input == "" || !strings.Contains(c.in, n.Input) {
				t.Errorf("Parse(%q, %q): Input %q is not a piece of the input", c.in, c.region, n.Input)
			}
		}
		if !equal(ws, c.want) {
			t.Errorf("Parse(%q, %q) = %v, want %v", c.in, c.region, ws, c.want)
		}
	}
	if len(parseCases) < 60 {
		t.Errorf("only %d cases", len(parseCases))
	}
}

func equal(a, b []w) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestParseInput checks that Number.Input is what the user typed for that
// number, full-width and all.
func TestParseInput(t *testing.T) {
	got, err := Parse(" （０５１２）６５８８１２３４ / 65881235 ", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Input != "（０５１２）６５８８１２３４" || got[1].Input != "65881235" {
		t.Errorf("inputs = %+v", got)
	}
}

// TestKeyIgnoresFieldType: a number typed in the fax field and the same
// number in the landline field share one key (R2), and a landline typed in
// the mobile field is still a landline.
func TestKeyIgnoresFieldType(t *testing.T) {
	fax, err1 := Normalize("0512 6588 1234")
	tel, err2 := Normalize("(0512)65881234")
	if err1 != nil || err2 != nil || fax != tel {
		t.Errorf("fax %q %v, landline %q %v", fax, err1, tel, err2)
	}
}
