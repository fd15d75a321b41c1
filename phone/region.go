package phone

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// areaForRegion finds the area code of the city a resource's region names:
// "苏州", "苏州市", "江苏省苏州市", "江苏苏州", "苏州市吴中区", "Suzhou",
// "Suzhou, Jiangsu". When it cannot, it says why, as the end of a sentence
// about the region.
func (t *areaTable) areaForRegion(region string) (*area, Phrase) {
	s := norm.NFKC.String(head(region, maxRegionRunes))
	var han strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han.WriteRune(r)
		}
	}
	var found []*area
	var province string
	if h := han.String(); h != "" {
		found, province = t.zhRegion(h)
	}
	if len(found) == 0 && province == "" {
		found, province = t.enRegion(s)
	}
	switch {
	case len(found) == 1:
		return found[0], Phrase{}
	case len(found) > 1:
		return nil, phrase("the region %q could be any of several cities (%s)", trim(region), listAreas(found))
	case province != "":
		return nil, phrase("the region %q names a province, not a city", trim(region))
	}
	return nil, phrase("the region %q does not name a city", trim(region))
}

// maxRegionRunes bounds the region text that is read: a city comes first
// in an address ("江苏省苏州市吴中区…路…号"), and a long text costs time.
const maxRegionRunes = 64

// head returns the first n runes of s.
func head(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// zhRegion reads a Chinese region: an optional province, then the city.
// It returns the areas the text may mean and the province it named, if any.
func (t *areaTable) zhRegion(s string) ([]*area, string) {
	s = strings.TrimPrefix(s, "中国")
	province, rest := t.provincePrefix(s)
	if province != "" {
		// 江苏省苏州市, 江苏苏州: a city of that province right after it.
		if as := t.cityPrefix(rest, province); len(as) > 0 {
			return as, province
		}
	}
	// 苏州, 苏州市吴中区, 吉林市: a city at the start.
	if as := t.cityPrefix(s, ""); len(as) > 0 {
		return as, province
	}
	// 北京, 上海市浦东新区: a municipality is its own city.
	if a := t.municipal[province]; a != nil {
		return []*area{a}, province
	}
	// 吴中区苏州: a city named anywhere.
	return t.cityAnywhere(s, province), province
}

// maxProvinceRunes is the length of the longest province name, 新疆维吾尔自治区.
const maxProvinceRunes = 8

// provincePrefix returns the province s starts with, the longest name first
// (江苏省 before 江苏), and what follows it.
func (t *areaTable) provincePrefix(s string) (string, string) {
	r := []rune(s)
	for k := min(len(r), maxProvinceRunes); k >= 2; k-- {
		if p, ok := t.zhProvince[string(r[:k])]; ok {
			return p, string(r[k:])
		}
	}
	return "", s
}

// cityPrefix returns the areas of the longest city name s starts with, in
// province if it is not empty.
func (t *areaTable) cityPrefix(s, province string) []*area {
	r := []rune(s)
	for k := min(len(r), t.maxAlias); k >= 2; k-- {
		if as := inProvince(t.zhCity[string(r[:k])], province); len(as) > 0 {
			return as
		}
	}
	return nil
}

// cityAnywhere returns the areas of the longest city names found anywhere in
// s; names of equal length for different cities make the answer ambiguous.
func (t *areaTable) cityAnywhere(s, province string) []*area {
	r := []rune(s)
	var found []*area
	best := 0
	for i := range r {
		for k := min(len(r)-i, t.maxAlias); k >= 2 && k >= best; k-- {
			as := inProvince(t.zhCity[string(r[i:i+k])], province)
			if len(as) == 0 {
				continue
			}
			if k > best {
				found, best = nil, k
			}
			for _, a := range as {
				if !containsArea(found, a) {
					found = append(found, a)
				}
			}
			break
		}
	}
	return found
}

func inProvince(as []*area, province string) []*area {
	if province == "" {
		return as
	}
	var out []*area
	for _, a := range as {
		if a.province == province {
			out = append(out, a)
		}
	}
	return out
}

// enRegion reads a region in pinyin or English: "Suzhou", "Suzhou, Jiangsu",
// "Xi'an", "Hohhot Inner Mongolia". Words are joined in runs of up to three
// so that "Xi An" finds XiAn and "Inner Mongolia" its province.
func (t *areaTable) enRegion(s string) ([]*area, string) {
	s = strings.NewReplacer("'", "", "’", "").Replace(s)
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	var province string
	var names []string
	for i := range words {
		for k := 1; k <= 3 && i+k <= len(words); k++ {
			w := strings.Join(words[i:i+k], "")
			if t.enProvince[w] {
				province = w
			}
			if len(t.enCity[w]) > 0 {
				names = append(names, w)
			}
		}
	}
	var found []*area
	for _, n := range names {
		for _, a := range t.enCity[n] {
			if (province == "" || a.enProvince == province) && !containsArea(found, a) {
				found = append(found, a)
			}
		}
	}
	if len(found) > 1 && len(names) == 1 {
		if a := t.byCode[englishPreferred[names[0]]]; a != nil && containsArea(found, a) {
			return []*area{a}, province
		}
	}
	return found, province
}

// listAreas writes "0512 江苏省苏州市, 0557 安徽省宿州市", by code.
func listAreas(as []*area) string {
	s := make([]string, 0, len(as))
	for _, a := range as {
		s = append(s, "0"+a.code+" "+a.zh)
	}
	sort.Strings(s)
	return strings.Join(s, ", ")
}
