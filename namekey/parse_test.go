package namekey

import (
	"slices"
	"strings"
	"testing"
)

// tc is one company name and what the rule (R3) makes of it. Fields left
// "" are not checked; "-" means "must be empty". flags lists the flags
// expected exactly ("none": no flags), "" leaves them unchecked.
type tc struct {
	name, key                               string
	trade, industry, region, org, brch, rmk string
	flags                                   string
	why                                     string
}

var cases = []tc{
	// The seed example of the training deck, and the name it must meet.
	{name: "苏州日东精密电子中心有限公司", key: "日东精密电子", trade: "日东", industry: "精密电子", region: "苏州", org: "中心有限公司", flags: "none", why: "the deck's example: region, trade name, industry, 中心 + organisation form"},
	{name: "苏州日东精密电子有限公司", key: "日东精密电子", trade: "日东", industry: "精密电子", region: "苏州", org: "有限公司", flags: "none", why: "the deck's four-part example; same key as with 中心"},

	// Region prefixes: full and short forms, chains, zones.
	{name: "苏州市日东精密电子有限公司", key: "日东精密电子", region: "苏州市", why: "prefecture with 市"},
	{name: "江苏苏州日东精密电子有限公司", key: "日东精密电子", region: "江苏苏州", why: "province short + prefecture short"},
	{name: "江苏省苏州市吴中区日东精密电子有限公司", key: "日东精密电子", region: "江苏省苏州市吴中区", why: "province, prefecture and district in full"},
	{name: "江苏省日东精密电子有限公司", key: "日东精密电子", region: "江苏省", why: "province alone"},
	{name: "苏州市吴中区日东精密电子有限公司", key: "日东精密电子", region: "苏州市吴中区", why: "prefecture + district"},
	{name: "吴中区日东精密电子有限公司", key: "日东精密电子", region: "吴中区", why: "district in full, alone"},
	{name: "苏州吴中日东精密电子有限公司", key: "日东精密电子", region: "苏州吴中", why: "district short form after its prefecture"},
	{name: "昆山市日东精密电子有限公司", key: "日东精密电子", region: "昆山市", why: "county-level city in full"},
	{name: "昆山日东精密电子有限公司", key: "日东精密电子", region: "昆山", why: "county-level city short form, alone"},
	{name: "江苏昆山日东精密电子有限公司", key: "日东精密电子", region: "江苏昆山", why: "province + county-level city, skipping the prefecture"},
	{name: "上海市浦东新区日东精密电子有限公司", key: "日东精密电子", region: "上海市浦东新区", why: "municipality + 新区"},
	{name: "上海浦东日东精密电子有限公司", key: "日东精密电子", region: "上海浦东", why: "浦东新区 short form after 上海"},
	{name: "浦东日东精密电子有限公司", key: "日东精密电子", region: "浦东", why: "浦东 short form alone: unambiguous, stripped"},
	{name: "苏州高新区日东精密电子有限公司", key: "日东精密电子", region: "苏州高新区", why: "development zone after a region"},
	{name: "苏州工业园区日东精密电子有限公司", key: "日东精密电子", region: "苏州工业园区", why: "industrial park after a region"},
	{name: "昆山经济技术开发区日东精密电子有限公司", key: "日东精密电子", region: "昆山经济技术开发区", why: "economic development zone"},
	{name: "上海自贸区日东贸易有限公司", key: "日东", region: "上海自贸区", why: "free-trade zone; 贸易 generic"},
	{name: "延边朝鲜族自治州日东食品有限公司", key: "日东食品", region: "延边朝鲜族自治州", why: "autonomous prefecture in full"},
	{name: "延边日东食品有限公司", key: "日东食品", region: "延边", why: "autonomous prefecture without the ethnic part"},
	{name: "恩施州日东茶业有限公司", key: "日东茶业", region: "恩施州", why: "autonomous prefecture as X州"},
	{name: "内蒙古日东乳业有限公司", key: "日东乳业", region: "内蒙古", why: "autonomous region short form"},
	{name: "广西壮族自治区日东糖业有限公司", key: "日东糖业", region: "广西壮族自治区", why: "autonomous region with its ethnic name"},
	{name: "新疆日东棉纺有限公司", key: "日东棉纺", region: "新疆", why: "新疆维吾尔自治区 short form"},
	{name: "锡林郭勒盟日东牧业有限公司", key: "日东牧业", region: "锡林郭勒盟", why: "league (盟) in full"},
	{name: "香港日东贸易有限公司", key: "日东", region: "香港", why: "special administrative region"},
	{name: "台湾日东电子股份有限公司", key: "日东电子", region: "台湾", why: "台湾省 short form"},
	{name: "和县日东服装厂", key: "日东服装", region: "和县", org: "厂", why: "two-character county: the full name works, 和 alone would not"},
	{name: "和日东服装厂", key: "和日东服装", region: "-", why: "one-character short forms are never read as regions"},
	{name: "北京日东科技有限公司", key: "日东科技", region: "北京", why: "municipality short form"},
	{name: "北京市海淀区日东科技有限公司", key: "日东科技", region: "北京市海淀区", why: "municipality + district"},
	{name: "广州市天河区日东网络科技有限公司", key: "日东网络科技", region: "广州市天河区", why: "天河 is kept alone (a common name) but stripped after 广州"},
	{name: "深圳市南山区日东电子有限公司", key: "日东电子", region: "深圳市南山区", why: "南山 is ambiguous (two districts) but fine after 深圳"},
	{name: "中国日东精密电子有限公司", key: "日东精密电子", region: "中国", why: "the country as a leading region"},
	{name: "广州白云山医药集团股份有限公司", key: "白云山医药", region: "广州", why: "a trade name has two or more characters: 广州白云 + 山 is no split"},
	{name: "宁波舟山港股份有限公司", key: "舟山港", region: "宁波", why: "舟山 stays: 港 alone would be a one-character trade name"},
	{name: "武汉东湖新技术开发区日东光电有限公司", key: "日东光电", region: "武汉东湖新技术开发区", why: "a development zone after its city"},
	{name: "厦门象屿保税区日东贸易有限公司", key: "日东", region: "厦门象屿保税区", why: "a named bonded zone after its city"},
	{name: "东莞市长安镇日东五金厂", key: "日东五金", region: "东莞市长安镇", why: "a town after its city"},
	{name: "长安镇日东五金厂", key: "长安镇日东五金", flags: "key_is_region_word", why: "towns are read only after a division"},
	{name: "苏州日东家乡食品有限公司", key: "日东家乡食品", why: "乡 marks no town: 家乡 is part of the name"},
	{name: "苏州市场开发有限公司", key: "市场开发", region: "苏州", why: "苏州 + 市场开发, not 苏州市 + 场开发"},

	// Bracketed regions and markers (实施办法 2023).
	{name: "日东（苏州）精密电子有限公司", key: "日东精密电子", trade: "日东", industry: "精密电子", region: "苏州", flags: "none", why: "R3: region in brackets after the trade name"},
	{name: "日东精密电子（苏州）有限公司", key: "日东精密电子", region: "苏州", why: "bracketed region before the organisation form"},
	{name: "（苏州）日东精密电子有限公司", key: "日东精密电子", region: "苏州", why: "bracketed region first"},
	{name: "日东（昆山）精密电子有限公司", key: "日东精密电子", region: "昆山", why: "bracketed county-level city"},
	{name: "日东（江苏）精密电子有限公司", key: "日东精密电子", region: "江苏", why: "bracketed province"},
	{name: "日东（江苏苏州）精密电子有限公司", key: "日东精密电子", region: "江苏苏州", why: "bracketed region chain"},
	{name: "日东（南山）精密电子有限公司", key: "日东精密电子", region: "南山", why: "an ambiguous form is still a region inside brackets"},
	{name: "日东精密电子（中国）有限公司", key: "日东精密电子", region: "中国", why: "the （中国） marker"},
	{name: "日东（中国）投资有限公司", key: "日东投资", region: "中国", why: "（中国） after the trade name"},
	{name: "日东精密电子（集团）有限公司", key: "日东精密电子", org: "集团有限公司", why: "the （集团） marker is a generic word"},
	{name: "日东（集团）精密电子有限公司", key: "日东精密电子", why: "（集团） between trade name and industry is dropped too"},
	{name: "日东投资合伙企业（有限合伙）", key: "日东投资", org: "合伙企业有限合伙", why: "the （有限合伙） marker of a limited partnership"},
	{name: "日东会计师事务所（特殊普通合伙）", key: "日东会计师", org: "事务所特殊普通合伙", why: "（特殊普通合伙）; 会计师 is left in the trade name"},
	{name: "日东【苏州】精密电子有限公司", key: "日东精密电子", region: "苏州", why: "【】 brackets are brackets"},
	{name: "日东[苏州]精密电子有限公司", key: "日东精密电子", region: "苏州", why: "[] brackets are brackets"},
	{name: "日东(苏州)精密电子有限公司", key: "日东精密电子", region: "苏州", why: "half-width brackets"},
	{name: "日东（精密）电子有限公司", key: "日东精密电子", flags: "bracket_kept", why: "bracket content that is no region is kept, flagged"},
	{name: "日东(苏州精密电子有限公司", key: "日东苏州精密电子", flags: "unbalanced_bracket", why: "an unclosed bracket is not trusted to hold a region"},
	{name: "苏州日东精密电子（有限公司）", key: "日东精密电子", why: "a bracketed organisation form"},
	{name: "（苏州）", key: "苏州", flags: "no_industry only_region unknown_org_form", why: "a bracketed region that is all there is stays the key"},
	{name: "杭州小张服装店（个人独资）", key: "小张服装", org: "店个人独资", flags: "none", why: "the （个人独资） marker is a form; the outermost form decides: no individual business"},
	{name: "深圳明远科技合伙企业（有限合伙）", key: "明远科技", org: "合伙企业有限合伙", flags: "none", why: "（有限合伙） after 合伙企业"},
	{name: "上海某某咨询事务所（普通合伙）", key: "某某咨询", org: "事务所普通合伙", flags: "none", why: "（普通合伙） after 事务所"},
	{name: "明远（个人独资）服饰店", key: "明远服饰", trade: "明远", org: "个人独资店", why: "a marker inside the name is dropped wherever it stands, like （集团）"},

	// Brackets after the organisation form: remarks, not the name.
	{name: "杭州明远服饰有限公司（已合作）", key: "明远服饰", org: "有限公司", rmk: "已合作", flags: "remark", why: "a CRM remark after the form is cut and flagged"},
	{name: "杭州明远服饰有限公司(重点客户)", key: "明远服饰", rmk: "重点客户", flags: "remark", why: "half-width brackets"},
	{name: "杭州明远服饰有限公司【勿动】", key: "明远服饰", rmk: "勿动", flags: "remark", why: "【】 brackets"},
	{name: "日东投资合伙企业（有限合伙）（已合作）", key: "日东投资", org: "合伙企业有限合伙", rmk: "已合作", flags: "remark", why: "a marker, then a remark"},
	{name: "日东精密电子有限公司（苏州）", key: "日东精密电子", region: "苏州", rmk: "-", flags: "none", why: "a region after the form is a region, not a remark"},
	{name: "杭州明远服饰（已合作）", key: "明远服饰已合作", flags: "bracket_kept no_industry unknown_org_form", why: "no form before the bracket: it may be the name's, so it is kept"},
	{name: "杭州明远（精品）服饰有限公司", key: "明远精品服饰", rmk: "-", flags: "bracket_kept", why: "a bracket before the form stays part of the name"},
	{name: "Rido Electronics Co., Ltd. (Key Account)", key: "ridoelectronics", rmk: "key account", flags: "english remark", why: "a remark after an English legal form"},
	{name: "Rido Electronics Co., Ltd.（已合作）", key: "ridoelectronics", rmk: "已合作", flags: "english remark", why: "a Chinese remark keeps an English name English"},

	// Organisation forms.
	{name: "日东精密电子有限责任公司", key: "日东精密电子", org: "有限责任公司", why: "LLC, long form"},
	{name: "日东精密电子股份有限公司", key: "日东精密电子", org: "股份有限公司", why: "joint-stock company"},
	{name: "日东精密电子集团有限公司", key: "日东精密电子", org: "集团有限公司", why: "group + company, stripped repeatedly"},
	{name: "日东精密电子集团股份有限公司", key: "日东精密电子", org: "集团股份有限公司", why: "group + joint-stock company"},
	{name: "日东精密电子股份公司", key: "日东精密电子", org: "股份公司", why: "股份公司"},
	{name: "日东精密电子公司", key: "日东精密电子", org: "公司", why: "bare 公司"},
	{name: "日东精密电子总公司", key: "日东精密电子", org: "总公司", why: "head office"},
	{name: "日东精密电子厂", key: "日东精密电子", org: "厂", why: "works"},
	{name: "日东精密电子总厂", key: "日东精密电子", org: "总厂", why: "main works"},
	{name: "日东精密电子中心", key: "日东精密电子", org: "中心", why: "中心, an organisation form in the deck"},
	{name: "日东精密电子研究所", key: "日东精密电子", org: "研究所", why: "institute"},
	{name: "日东精密电子研究院", key: "日东精密电子", org: "研究院", why: "research institute"},
	{name: "日东精密电子协会", key: "日东精密电子", org: "协会", why: "association, in the deck's list"},
	{name: "日东精密电子股份", key: "日东精密电子", org: "股份", why: "股份 alone, in the deck's list"},
	{name: "日东精密电子", key: "日东精密电子", org: "-", flags: "unknown_org_form", why: "no organisation form at all"},
	{name: "日东精密电子有限公司有限公司", key: "日东精密电子", why: "a doubled form, stripped repeatedly"},
	{name: "日东律师事务所", key: "日东律师", org: "事务所", why: "firm; 律师 is the trade"},
	{name: "苏州日东农民专业合作社", key: "日东", org: "农民专业合作社", flags: "no_industry", why: "farmers' co-operative"},
	{name: "日东个人独资企业", key: "日东", org: "个人独资企业", why: "sole proprietorship; longer than 企业"},
	{name: "深圳明远科技有限合伙企业", key: "明远科技", org: "有限合伙企业", flags: "none", why: "有限合伙企业 written whole: not 有限 + 合伙企业"},
	{name: "深圳明远科技普通合伙企业", key: "明远科技", org: "普通合伙企业", flags: "none", why: "普通合伙企业 written whole"},
	{name: "华盛模具加工部", key: "华盛模具加工", industry: "模具加工", org: "部", flags: "individual_business", why: "部, a form of individual businesses (个体工商户名称登记管理办法 art. 10): the key of 华盛模具加工厂 and 华盛模具加工店"},

	// A form that would begin inside a word is not taken.
	{name: "温州宏达机械加工厂", key: "宏达机械加工", trade: "宏达", industry: "机械加工", region: "温州", org: "厂", flags: "none", why: "机械加工 + 厂: the longest form, 工厂, would cut the industry word in two"},
	{name: "东莞华盛模具加工厂", key: "华盛模具加工", industry: "模具加工", region: "东莞", org: "厂", flags: "none", why: "模具加工 + 厂, not 模具加 + 工厂"},
	{name: "华盛化工厂", key: "华盛化工", industry: "化工", org: "厂", why: "化工 + 厂, not 化 + 工厂"},
	{name: "华盛阀门店", key: "华盛阀门", industry: "阀门", org: "店", why: "阀门 + 店, not 阀 + 门店"},
	{name: "华盛电子工厂", key: "华盛电子", industry: "电子", org: "工厂", why: "工厂 stays a form where it cuts no word"},
	{name: "华盛光电工厂", key: "华盛光电", industry: "光电", org: "工厂", why: "光电 + 工厂: an industry word ends before the longest form, which cuts none (not 光 + 电工 + 厂)"},
	{name: "华盛机电工贸有限公司", key: "华盛机电", org: "工贸有限公司", why: "without a shorter form the longest stays: 机电 + 工贸, although 电工 is an industry"},
	{name: "驻马店有限公司", key: "驻马店", trade: "驻马店", org: "有限公司", flags: "no_industry only_region", why: "no form is cut out of a division's name: not 驻马 + 店, whose key would read again as 驻马"},
	{name: "厦门市", key: "厦门", flags: "no_industry only_region unknown_org_form", why: "not 厦 + 门市 (an individual business's form)"},
	{name: "上海闵行", key: "闵行", region: "上海", flags: "no_industry only_region unknown_org_form", why: "not 上海闵 + 行: the key of 上海市闵行区"},
	{name: "商城县电子有限公司", key: "商城县电子", trade: "商城县", why: "a kept division is not written short when the short form reads otherwise: 商城 is a generic word, dropped when the key is read again"},

	// Generic words.
	{name: "日东实业有限公司", key: "日东", trade: "日东", industry: "-", org: "实业有限公司", flags: "no_industry", why: "实业 is generic"},
	{name: "日东贸易有限公司", key: "日东", org: "贸易有限公司", why: "贸易 is generic"},
	{name: "日东实业发展有限公司", key: "日东", org: "实业发展有限公司", why: "two generic words in a row"},
	{name: "日东科贸有限公司", key: "日东", why: "科贸 is generic"},
	{name: "日东商贸有限公司", key: "日东", why: "商贸 is generic"},
	{name: "日东工贸有限公司", key: "日东", why: "工贸, like 商贸"},
	{name: "日东经贸有限公司", key: "日东", why: "经贸, like 商贸"},
	{name: "日东控股集团有限公司", key: "日东", org: "控股集团有限公司", why: "控股 and 集团"},
	{name: "日东企业有限公司", key: "日东", why: "企业 is generic, like 实业"},
	{name: "日东电子贸易有限公司", key: "日东电子", org: "贸易有限公司", why: "generic word after the industry"},
	{name: "日东电子销售有限公司", key: "日东电子", why: "销售 is generic"},
	{name: "日东电子经营有限公司", key: "日东电子", why: "经营 is generic"},
	{name: "日东电子商城", key: "日东电子", org: "商城", why: "商城 is generic"},
	{name: "日东电子商场", key: "日东电子", org: "商场", why: "商场 is generic"},
	{name: "日东电子进出口有限公司", key: "日东电子", why: "进出口, like 贸易"},
	{name: "日东电子国际贸易有限公司", key: "日东电子", why: "国际贸易, like 贸易"},
	{name: "日东汽车销售服务有限公司", key: "日东汽车服务", industry: "汽车服务", org: "销售有限公司", why: "a generic word among industry words is dropped"},
	{name: "日东发展电子有限公司", key: "日东电子", why: "a generic word before the industry"},
	{name: "长外贸海产品有限公司", key: "长外贸海产品", industry: "外贸海产品", why: "a generic word stays when its neighbours would meet as other words: 长海产品 reads as the county 长海 + 产品"},
	{name: "日东国际航空有限公司", key: "日东国际航空", why: "国际 is not generic: it is part of names like 中国国际航空"},

	// Branches: the parent's key.
	{name: "日东精密电子有限公司苏州分公司", key: "日东精密电子", brch: "苏州分公司", org: "有限公司", why: "branch named by its place"},
	{name: "苏州日东精密电子有限公司上海分公司", key: "日东精密电子", region: "苏州", brch: "上海分公司", why: "the parent's region is still the region"},
	{name: "日东精密电子有限公司第一分厂", key: "日东精密电子", brch: "第一分厂", why: "numbered branch works"},
	{name: "日东精密电子有限公司龙华分店", key: "日东精密电子", brch: "龙华分店", why: "branch shop"},
	{name: "日东精密电子有限公司北京办事处", key: "日东精密电子", brch: "北京办事处", why: "office"},
	{name: "日东精密电子有限公司营业部", key: "日东精密电子", brch: "营业部", why: "sales department without a place"},
	{name: "日东精密电子有限公司义乌经营部", key: "日东精密电子", brch: "义乌经营部", flags: "none", why: "经营部 of a company is a branch, not an individual business"},
	{name: "日东精密电子有限公司上海代表处", key: "日东精密电子", brch: "上海代表处", why: "representative office"},
	{name: "日东精密电子上海分公司", key: "日东精密电子", brch: "上海分公司", why: "parent without its form: the place before 分公司 marks the branch"},
	{name: "日东精密电子分公司", key: "日东精密电子", brch: "-", org: "分公司", why: "分公司 with nothing to cut from is stripped as a form"},
	{name: "招商银行股份有限公司苏州分行", key: "招商银行", brch: "苏州分行", why: "bank branch"},
	{name: "中国工商银行股份有限公司苏州工业园区支行", key: "工商银行", region: "中国", brch: "苏州工业园区支行", why: "bank sub-branch with a zone in its name"},
	{name: "日东便利店龙华二分店", key: "日东便利店", brch: "龙华二分店", why: "a shop's branch: 店 ends the parent"},

	// Width, spaces, invisible characters, traditional characters, case.
	{name: "苏州 日东 精密电子 有限公司", key: "日东精密电子", why: "spaces"},
	{name: "　苏州日东精密电子有限公司　", key: "日东精密电子", why: "ideographic spaces around"},
	{name: "苏州\t日东\n精密电子有限公司", key: "日东精密电子", why: "tabs and newlines"},
	{name: "苏州日\u200b东精密\u200d电子有限公司", key: "日东精密电子", why: "zero-width space and joiner"},
	{name: "\ufeff苏州日东精密电子有限公司", key: "日东精密电子", why: "byte-order mark"},
	{name: "蘇州日東精密電子有限公司", key: "日东精密电子", region: "苏州", why: "traditional characters"},
	{name: "日東（蘇州）精密電子有限公司", key: "日东精密电子", region: "苏州", why: "traditional characters and a bracketed region"},
	{name: "蘇州日東精密電子中心有限公司", key: "日东精密电子", why: "traditional seed example"},
	{name: "日東實業發展有限公司", key: "日东", why: "traditional generic words: 實業 發展"},
	{name: "臺灣日東電子股份有限公司", key: "日东电子", region: "台湾", why: "臺灣 → 台湾"},
	{name: "ＡＢＣ電子有限公司", key: "abc电子", why: "full-width Latin letters, case folded"},
	{name: "ABC电子有限公司", key: "abc电子", trade: "abc", industry: "电子", why: "Latin trade name in a Chinese name"},
	{name: "苏州日东精密电子有限公司。", key: "日东精密电子", why: "trailing punctuation"},
	{name: "苏州·日东精密电子有限公司", key: "日东精密电子", why: "middle dot"},
	{name: "３Ｍ中国有限公司", key: "3m中国", region: "-", why: "full-width digits and letters; 中国 after the trade name without brackets stays (the rules bracket it)"},

	// One trade name, other industries: other keys.
	{name: "日东机械有限公司", key: "日东机械", industry: "机械", why: "machinery"},
	{name: "日东服装有限公司", key: "日东服装", industry: "服装", why: "clothing"},
	{name: "日东化工有限公司", key: "日东化工", why: "chemicals"},
	{name: "日东食品有限公司", key: "日东食品", why: "food"},
	{name: "日东塑料制品有限公司", key: "日东塑料制品", industry: "塑料制品", why: "longest industry word"},
	{name: "日东汽车配件有限公司", key: "日东汽车配件", industry: "汽车配件", why: "car parts"},
	{name: "日东医疗器械有限公司", key: "日东医疗器械", industry: "医疗器械", why: "medical devices"},
	{name: "日东软件有限公司", key: "日东软件", why: "software"},
	{name: "日东新材料有限公司", key: "日东新材料", industry: "新材料", why: "new materials"},
	{name: "日东光电有限公司", key: "日东光电", why: "optoelectronics"},

	// Individual businesses.
	{name: "义乌市日东五金经营部", key: "日东五金", region: "义乌市", org: "经营部", flags: "individual_business", why: "经营部 of an individual business, no parent"},
	{name: "苏州市吴中区张三五金店", key: "张三五金", flags: "individual_business", why: "a shop named after its owner"},
	{name: "日东五金门市部", key: "日东五金", org: "门市部", flags: "individual_business", why: "门市部"},
	{name: "日东服饰商行", key: "日东服饰", org: "商行", flags: "individual_business", why: "商行"},
	{name: "日东摄影工作室", key: "日东摄影", org: "工作室", flags: "individual_business", why: "工作室"},
	{name: "日东电器行", key: "日东电器", org: "行", flags: "individual_business", why: "bare 行"},
	{name: "日东服饰店", key: "日东服饰", org: "店", flags: "individual_business", why: "bare 店"},
	{name: "日东五金商店", key: "日东五金", org: "商店", flags: "individual_business", why: "商店, in the deck's list"},
	{name: "日东服饰商行有限公司", key: "日东服饰", flags: "none", why: "the outermost form decides: a company"},
	{name: "李四五金店", key: "李四五金", why: "person's name + industry + shop"},
	{name: "张三", key: "张三", flags: "no_industry unknown_org_form", why: "an individual known by name only"},
	{name: "日东超市", key: "日东超市", industry: "超市", why: "超市 is a trade, not a form"},

	// English names.
	{name: "Suzhou Rido Precision Electronics Co., Ltd.", key: "ridoprecisionelectronics", region: "suzhou", org: "co ltd", flags: "english", why: "English name: leading city, legal forms dropped, words joined"},
	{name: "Rido Precision Electronics Co Ltd", key: "ridoprecisionelectronics", why: "without punctuation"},
	{name: "RIDO PRECISION ELECTRONICS CO.,LTD.", key: "ridoprecisionelectronics", why: "upper case, no space after the comma"},
	{name: "Rido Precision Electronics (China) Co., Ltd.", key: "ridoprecisionelectronics", region: "china", why: "(China) marker"},
	{name: "Rido Precision Electronics Limited", key: "ridoprecisionelectronics", why: "Limited"},
	{name: "Ｒｉｄｏ　Ｐｒｅｃｉｓｉｏｎ　Ｅｌｅｃｔｒｏｎｉｃｓ　Ｃｏ．，Ｌｔｄ．", key: "ridoprecisionelectronics", why: "full-width English"},
	{name: "Rido Trading Co., Ltd.", key: "rido", org: "trading co ltd", why: "Trading is generic, like 贸易"},
	{name: "Rido Group Holdings Limited", key: "rido", why: "Group and Holdings, like 集团 and 控股"},
	{name: "Rido Import & Export Co., Ltd.", key: "rido", why: "Import & Export, like 进出口"},
	{name: "Siemens Ltd., China", key: "siemens", region: "china", why: "a trailing country"},
	{name: "The Rido Company", key: "rido", why: "leading article, Company"},
	{name: "Sun Tech Inc.", key: "suntech", trade: "sun tech", why: "words are joined without spaces…"},
	{name: "SunTech Inc", key: "suntech", why: "…so spacing makes no different key"},
	{name: "McDonald's Corporation", key: "mcdonalds", why: "an apostrophe joins"},
	{name: "Rido Electronics Co., Ltd. Shanghai Branch", key: "ridoelectronics", brch: "shanghai branch", why: "English branch"},
	{name: "Hong Kong Rido Trading Limited", key: "rido", region: "hongkong", why: "Hong Kong is one place"},
	{name: "Rido GmbH", key: "rido", why: "German legal form"},
	{name: "Rido Electronics (苏州) Co., Ltd.", key: "ridoelectronics", region: "苏州", flags: "english", why: "a Chinese region in brackets keeps the name English"},
	{name: "Trading Co., Ltd.", key: "trading", why: "the last word is never dropped"},
	{name: "Rido International Co., Ltd.", key: "ridointernational", why: "International is kept, like 国际"},

	// Place names that are trade names.
	{name: "黄山精密机械有限公司", key: "黄山精密机械", trade: "黄山", industry: "精密机械", region: "-", flags: "key_is_region_word", why: "黄山 is a city, but without it no trade name is left"},
	{name: "安徽黄山精密机械有限公司", key: "黄山精密机械", region: "安徽", flags: "key_is_region_word", why: "the province goes, 黄山 stays"},
	{name: "黄山市日东精密机械有限公司", key: "日东精密机械", region: "黄山市", flags: "none", why: "黄山市 as a region before another trade name"},
	{name: "黄山市精密机械有限公司", key: "黄山精密机械", trade: "黄山", why: "a kept division is written in its short form, so 黄山市 and 黄山 give one key"},
	{name: "深圳市龙华区鞋业有限公司", key: "龙华鞋业", trade: "龙华", region: "深圳市", industry: "鞋业", why: "龙华区 kept as the trade name, in its short form: same key as 深圳龙华鞋业"},
	{name: "深圳龙华鞋业有限公司", key: "龙华鞋业", region: "深圳", why: "the short form of the same company"},
	{name: "龙华电子有限公司", key: "龙华电子", trade: "龙华", flags: "key_is_region_word", why: "龙华 (two districts) is kept"},
	{name: "深圳市龙华电子有限公司", key: "龙华电子", region: "深圳市", why: "龙华 after 深圳 would be a district, but nothing would be left"},
	{name: "龙华日东电子有限公司", key: "龙华日东电子", flags: "key_is_region_word", why: "an ambiguous district name at the start is kept"},
	{name: "深圳龙华日东电子有限公司", key: "日东电子", region: "深圳龙华", why: "the same district after its city is a region"},
	{name: "青岛啤酒股份有限公司", key: "青岛啤酒", trade: "青岛", why: "city as trade name, only industry after it"},
	{name: "光明乳业股份有限公司", key: "光明乳业", why: "光明 (a district) as trade name"},
	{name: "光明日东乳业有限公司", key: "光明日东乳业", flags: "key_is_region_word", why: "光明 is listed as ambiguous: kept at the start"},
	{name: "东方电气股份有限公司", key: "东方电气", why: "东方 (a city) as trade name"},
	{name: "阿里巴巴（中国）网络技术有限公司", key: "阿里巴巴网络技术", trade: "阿里巴巴", region: "中国", why: "阿里 (a prefecture) must not cut 阿里巴巴"},
	{name: "中山大洋电机股份有限公司", key: "大洋电机", region: "中山", why: "中山 the city is a region"},
	{name: "长城汽车股份有限公司", key: "长城汽车", flags: "none", why: "长城 is no region"},
	{name: "中国银行股份有限公司", key: "中国银行", trade: "中国", flags: "key_is_region_word", why: "中国 kept: 银行 alone is no trade name"},
	{name: "苏州电子有限公司", key: "苏州电子", flags: "key_is_region_word", why: "region + industry only"},
	{name: "苏州有限公司", key: "苏州", flags: "no_industry only_region", why: "nothing but a region"},
	{name: "江苏苏州有限公司", key: "苏州", region: "江苏", flags: "no_industry only_region", why: "two regions: the last is kept"},

	// 业: never stripped alone; listed compounds.
	{name: "日东鞋业有限公司", key: "日东鞋业", industry: "鞋业", why: "鞋业 is an industry, not 鞋 + 业"},
	{name: "日东车业有限公司", key: "日东车业", industry: "车业", why: "车业"},
	{name: "日东置业有限公司", key: "日东置业", industry: "置业", why: "置业 (real estate)"},
	{name: "日东物业管理有限公司", key: "日东物业管理", industry: "物业管理", why: "物业管理"},
	{name: "日东纸业有限公司", key: "日东纸业", why: "纸业"},
	{name: "日东瓷业有限公司", key: "日东瓷业", why: "瓷业"},
	{name: "日东玩业有限公司", key: "日东玩业", industry: "-", flags: "no_industry", why: "an unlisted X业 stays whole in the trade name"},
	{name: "日东实业", key: "日东", org: "实业", flags: "no_industry unknown_org_form", why: "实业 is generic, listed as such"},

	// 科技: an industry word.
	{name: "日东科技有限公司", key: "日东科技", industry: "科技", why: "科技 is the industry of a 科技有限公司"},
	{name: "日东电子科技有限公司", key: "日东电子科技", industry: "电子科技", why: "electronics technology"},
	{name: "日东科技发展有限公司", key: "日东科技", org: "发展有限公司", why: "发展 goes, 科技 stays"},
	{name: "日东信息技术有限公司", key: "日东信息技术", why: "技术 is an industry word too"},
	{name: "日东网络科技有限公司", key: "日东网络科技", why: "network technology"},

	// Industry words that end like organisation forms.
	{name: "日东酒店有限公司", key: "日东酒店", industry: "酒店", why: "酒店 is not 酒 + 店"},
	{name: "日东大酒店", key: "日东大酒店", why: "大酒店"},
	{name: "日东银行股份有限公司", key: "日东银行", industry: "银行", why: "银行 is not 银 + 行"},
	{name: "日东旅行社", key: "日东旅行社", why: "旅行社"},
	{name: "日东饭店", key: "日东饭店", why: "饭店"},
	{name: "日东书店", key: "日东书店", why: "书店"},

	// Names that are mostly, or only, forms.
	{name: "电子有限公司", key: "电子", trade: "-", industry: "电子", flags: "no_trade_name", why: "industry only"},
	{name: "精密机械有限公司", key: "精密机械", flags: "no_trade_name", why: "industry only, two words"},
	{name: "贸易有限公司", key: "贸易", flags: "key_is_generic_word no_industry", why: "the last generic word is kept"},
	{name: "苏州贸易有限公司", key: "苏州", flags: "no_industry only_region", why: "region + generic word"},
	{name: "有限公司", key: "有限公司", why: "a form alone is its own key"},
	{name: "123", key: "123", why: "digits only"},
	{name: "日东", key: "日东", why: "a trade name alone"},
	{name: "，。、", key: "", flags: "empty", why: "no letters or digits"},
	{name: "", key: "", flags: "empty", why: "nothing at all"},
	{name: "\u200b \u3000", key: "", flags: "empty", why: "only invisible characters"},
}

func TestParseTable(t *testing.T) {
	if len(cases) < 150 {
		t.Fatalf("only %d cases; the issue asks for at least 150", len(cases))
	}
	for _, c := range cases {
		p := Parse(c.name)
		check := func(field, got, want string) {
			if want == "" {
				return
			}
			if want == "-" {
				want = ""
			}
			if got != want {
				t.Errorf("%q (%s): %s = %q, want %q", c.name, c.why, field, got, want)
			}
		}
		if p.Key != c.key {
			t.Errorf("%q (%s): key = %q, want %q (parts %+v)", c.name, c.why, p.Key, c.key, p)
		}
		check("trade name", p.TradeName, c.trade)
		check("industry", p.Industry, c.industry)
		check("region", p.Region, c.region)
		check("org form", p.OrgForm, c.org)
		check("branch", p.Branch, c.brch)
		check("remark", p.Remark, c.rmk)
		if c.flags != "" {
			want := strings.Fields(c.flags)
			if c.flags == "none" {
				want = nil
			}
			if !slices.Equal(p.Flags, want) {
				t.Errorf("%q (%s): flags = %v, want %v", c.name, c.why, p.Flags, want)
			}
		}
		if p.Input != c.name {
			t.Errorf("%q: Input = %q", c.name, p.Input)
		}
		if got := Key(c.name); got != p.Key {
			t.Errorf("%q: Key = %q, Parse().Key = %q", c.name, got, p.Key)
		}
	}
}

// TestSameCompany: names the rule makes one company.
func TestSameCompany(t *testing.T) {
	groups := [][]string{
		{"苏州日东精密电子中心有限公司", "苏州日东精密电子有限公司", "日东（苏州）精密电子有限公司", "江苏苏州日东精密电子有限公司",
			"日東（蘇州）精密電子有限公司", "日东精密电子（苏州）有限公司", "苏州日东精密电子有限公司上海分公司", "日东精密电子"},
		{"杭州恒远精密机械有限公司", "恒远精密机械有限公司", "浙江省杭州市恒远精密机械厂"},
		{"日东实业有限公司", "日东贸易有限公司", "日东商贸有限公司", "日东集团有限公司", "日东（集团）有限公司"},
		{"华盛模具加工厂", "东莞华盛模具加工厂", "华盛模具加工部", "华盛模具加工店", "华盛模具加工有限公司"},
		{"明远服饰有限公司", "杭州明远服饰有限公司（已合作）", "明远服饰有限公司(重点客户)", "明远服饰有限公司【勿动】", "明远服饰店（个人独资）"},
	}
	for _, g := range groups {
		for _, n := range g[1:] {
			if Key(n) != Key(g[0]) {
				t.Errorf("Key(%q) = %q, Key(%q) = %q: one company", n, Key(n), g[0], Key(g[0]))
			}
		}
	}
}

// TestOtherCompany: names that must not collide.
func TestOtherCompany(t *testing.T) {
	pairs := [][2]string{
		{"日东机械有限公司", "日东服装有限公司"},
		{"日东精密电子有限公司", "日东精密机械有限公司"},
		{"日东化工有限公司", "日东食品有限公司"},
		{"日东科技有限公司", "日东有限公司"},
		{"苏州日东电子有限公司", "苏州日西电子有限公司"},
		{"黄山精密机械有限公司", "精密机械有限公司"},
		{"日东鞋业有限公司", "日东有限公司"},
		{"华盛化工厂", "华盛工厂"},
		{"华盛模具加工厂", "华盛模具厂"},
		{"Rido Electronics Ltd", "Rido Machinery Ltd"},
	}
	for _, p := range pairs {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("%q and %q share the key %q", p[0], p[1], Key(p[0]))
		}
	}
}
