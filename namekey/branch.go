package namekey

import "strings"

// maxBranchPlace is how many characters may stand between a parent's
// organisation form and a branch suffix (…有限公司 | 苏州高新区第一 | 分公司).
const maxBranchPlace = 12

// parentForms end the parent's name in …公司XX分公司: a branch is registered
// as the parent's full name, then its own place or number, then the suffix.
var parentForms = []string{"公司", "厂", "集团", "银行", "中心", "店", "商行", "合作社", "事务所", "研究所", "研究院", "医院"}

// cutBranch finds a branch suffix at the end of t[:hi] (分公司, 分厂, 分店,
// 办事处, 营业部, 分行, 经营部 … marked "branch" in orgforms.txt) and returns
// where the parent's name ends. The parent is recognised by its own
// organisation form within maxBranchPlace characters before the suffix, or,
// failing that, by a region right before it (日东电子上海分公司). Without
// either the suffix is not a branch's but the name's own form (义乌日东五金
// 经营部 is an individual business, not a branch of 义乌日东五金).
func (d *dict) cutBranch(t text, hi int) (parentEnd int, ok bool) {
	start, k, found := d.suffix(t, 0, hi, kOrg)
	if !found || k&kBranch == 0 || start == 0 {
		return hi, false
	}
	for p := start; p >= max(1, start-maxBranchPlace); p-- {
		head := t.sub(0, p)
		for _, f := range parentForms {
			if strings.HasSuffix(head, f) && len(head) > len(f) {
				return p, true
			}
		}
	}
	for s := max(1, start-d.maxForm); s < start-1; s++ {
		if d.forms[t.sub(s, start)] != nil {
			return s, true
		}
	}
	return hi, false
}
