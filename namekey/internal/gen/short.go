package main

import (
	"strings"
	"unicode/utf8"
)

// minShort is the shortest usable short form, in characters. One-character
// short forms (和 of 和县, 城 of 城区) are ordinary words far more often than
// they are regions, so such divisions keep only their full name.
const minShort = 2

// suffixes are the endings of division names that company names leave out,
// longest first so that 新区 wins over 区 and 自治县 over 县.
var suffixes = []string{
	"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区",
	"自治州", "自治县", "自治旗", "地区", "新区", "矿区", "特区",
	"省", "市", "盟", "区", "县", "旗",
}

// ethnic names precede 自治州/自治县/自治旗 (延边朝鲜族自治州 → 延边);
// they are stripped, with or without 族, after the suffix.
var ethnic = strings.Fields(`蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼
哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗
撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔
独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各`)

// zoneMarks mark development zones and similar statistical areas: their
// names have no short form (石家庄高新技术产业开发区 is not 石家庄高新技术产业开发).
var zoneMarks = []string{"开发区", "工业园区", "化工园区", "产业园区", "现代产业园", "示范区", "合作区", "管理区", "管委会", "试验区", "群岛", "海域", "行政委员会", "白沟新城"}

// special short forms that the suffix rules get wrong: 林区 as a suffix
// would also cut 万柏林区 to 万柏.
var special = map[string]string{"神农架林区": "神农架"}

// shortForms returns the short forms of d's name, without the full name.
func shortForms(d division) []string {
	name := d.name
	for _, z := range zoneMarks {
		if strings.Contains(name, z) {
			return nil
		}
	}
	if s, ok := special[name]; ok {
		return []string{s}
	}
	var out []string
	add := func(s string) {
		if utf8.RuneCountInString(s) >= minShort && s != name {
			for _, o := range out {
				if o == s {
					return
				}
			}
			out = append(out, s)
		}
	}
	for _, suf := range suffixes {
		if !strings.HasSuffix(name, suf) {
			continue
		}
		stem := strings.TrimSuffix(name, suf)
		if utf8.RuneCountInString(stem) < minShort && len(suf) > len("区") {
			continue // 金林区 is 金林 + 区, not 金 + 林区
		}
		if strings.HasPrefix(suf, "自治") || strings.HasSuffix(suf, "族自治区") {
			stem = stripEthnic(stem)
			// 恩施州, 延边州: the prefecture's everyday name.
			if suf == "自治州" {
				add(stem + "州")
			}
		}
		add(stem)
		break
	}
	return out
}

// stripEthnic removes ethnic names from the end of stem, as long as at least
// minShort characters remain (鄂伦春自治旗 keeps 鄂伦春).
func stripEthnic(stem string) string {
	for {
		changed := false
		for _, e := range ethnic {
			for _, w := range []string{e + "族", e} {
				if strings.HasSuffix(stem, w) {
					rest := strings.TrimSuffix(stem, w)
					if utf8.RuneCountInString(rest) >= minShort {
						stem, changed = rest, true
					}
				}
			}
		}
		if !changed {
			// 鄂温克族自治旗: the whole stem is an ethnic name; drop 族 only.
			if r := strings.TrimSuffix(stem, "族"); r != stem && utf8.RuneCountInString(r) >= minShort {
				return r
			}
			return stem
		}
	}
}
