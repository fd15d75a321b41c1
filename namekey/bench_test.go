package namekey

import "testing"

// benchNames is a realistic mix: mostly simplified Chinese company names
// with regions and organisation forms, some traditional, some English, some
// individual businesses and branches.
var benchNames = []string{
	"苏州日东精密电子有限公司", "江苏省苏州市吴中区日东精密电子中心有限公司", "日东（苏州）精密电子有限公司",
	"杭州恒远精密机械有限公司", "义乌市日东五金经营部", "深圳市龙华电子有限公司", "昆山经济技术开发区日东塑料制品有限公司",
	"广州市天河区日东网络科技有限公司", "上海浦东日东贸易有限公司", "日东精密电子有限公司苏州分公司",
	"蘇州日東精密電子有限公司", "浙江吉利控股集团有限公司", "黄山精密机械有限公司", "苏州市吴中区张三五金店",
	"Suzhou Rido Precision Electronics Co., Ltd.", "Rido Trading Co., Ltd.", "日东服饰商行", "宁波日东汽车配件有限公司",
	"东莞市日东模具有限公司", "温州日东鞋业有限公司",
}

func BenchmarkParse(b *testing.B) {
	dicts()
	Parse("蘇州") // build the converter outside the timing
	i := 0
	for b.Loop() {
		Parse(benchNames[i%len(benchNames)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "names/s")
}

// BenchmarkFoldOnly is the baseline of BenchmarkParse, run beside it: the
// input folding alone (NFKC, spaces, traditional → simplified), which any
// comparison of names needs before it can begin.
func BenchmarkFoldOnly(b *testing.B) {
	Parse("蘇州")
	i := 0
	for b.Loop() {
		normalize(benchNames[i%len(benchNames)], true)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "names/s")
}
