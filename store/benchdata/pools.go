package benchdata

import "strings"

// The pools the generator draws names and numbers from. Changing any of them
// changes the data set: bump Version when you do.

// industries are the industry words a company key ends with (2–5
// characters). Their characters never occur in a trade name, so a key splits
// into trade name and industry in exactly one way and distinct (trade name,
// industry) pairs make distinct keys.
var industries = []string{
	"电子", "精密电子", "机械", "精密机械", "五金", "塑胶", "纺织", "服饰", "化工", "新材料",
	"科技", "信息科技", "网络科技", "电气", "自动化设备", "医疗器械", "生物科技", "食品", "贸易", "进出口贸易",
	"物流", "包装", "印刷", "家具", "建材", "装饰工程", "环保科技", "光电", "照明电器", "汽车配件",
	"模具", "金属制品", "铸造", "电线电缆", "仪器仪表", "通信设备", "软件", "电子商务", "实业", "制药",
	"陶瓷", "玻璃制品", "纸业", "橡胶制品", "钢结构", "液压设备", "阀门", "泵业", "轴承", "工艺品",
	"玩具", "鞋业", "皮革", "农业科技", "新能源", "光伏科技", "半导体", "智能装备", "传动设备", "精工",
}

// tradeCandidates are characters common in Chinese trade names; those that
// occur in an industry word are dropped and the first tradeChars kept.
const tradeCandidates = "日东华海天恒泰鑫隆盛达通宏远富瑞祥丰源康安永兴昌荣佳诚信德银中国大亚宇宙星辰明辉腾飞龙凤鹏博创联众和美嘉汇邦讯捷迅锐峰岭川江河湖润泽晨晟昊昱旭晖阳春夏秋冬松柏桦楠梅兰竹菊云霞雷霆欣悦怡乐福禄寿喜吉如意顺图伟凯旋振固基坤乾元亨贞禾友谊前红旗方南北西立守正求益尚品卓越非凡万千百合力盈鼎鸿运启航九州神舟长城黄山峨眉昆仑珠汉唐宋清秦晋齐鲁燕赵吴越楚蜀粤闽浙苏皖赣湘鄂豫冀辽黑滇黔桂琼藏陕甘青宁港澳台玉宝翠珍琳琅瑶璐琦瑜璟骏驰骐骥麟鹤鸥雁鹰隼虎豹狮象熊鹿羊牛马开泓沣澜涛浩洁瀚淼森林杰俊豪英雄威武广厚敦笃恺悦晶莹琪璋珂琛蓝紫彩韵雅致远航舜尧禹"

// tradeChars is how many characters the trade-name pool holds: 2-character
// trade names come from its square, 3-character ones from its cube.
const tradeChars = 200

// tradePool returns the trade-name characters.
func tradePool() []string {
	banned := map[rune]bool{}
	for _, w := range industries {
		for _, r := range w {
			banned[r] = true
		}
	}
	seen := map[rune]bool{}
	var out []string
	for _, r := range tradeCandidates {
		if banned[r] || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, string(r))
		if len(out) == tradeChars {
			break
		}
	}
	return out
}

// area is a Chinese long-distance code (without the trunk 0) and its city.
type area struct{ code, city string }

var areas = []area{
	{"10", "北京"}, {"21", "上海"}, {"22", "天津"}, {"23", "重庆"}, {"20", "广州"},
	{"24", "沈阳"}, {"25", "南京"}, {"27", "武汉"}, {"28", "成都"}, {"29", "西安"},
	{"512", "苏州"}, {"510", "无锡"}, {"519", "常州"}, {"513", "南通"}, {"571", "杭州"},
	{"574", "宁波"}, {"577", "温州"}, {"573", "嘉兴"}, {"579", "金华"}, {"575", "绍兴"},
	{"755", "深圳"}, {"769", "东莞"}, {"757", "佛山"}, {"760", "中山"}, {"756", "珠海"},
	{"752", "惠州"}, {"531", "济南"}, {"532", "青岛"}, {"535", "烟台"}, {"371", "郑州"},
	{"551", "合肥"}, {"591", "福州"}, {"592", "厦门"}, {"595", "泉州"}, {"731", "长沙"},
	{"791", "南昌"}, {"311", "石家庄"}, {"351", "太原"}, {"431", "长春"}, {"451", "哈尔滨"},
	{"871", "昆明"}, {"851", "贵阳"}, {"771", "南宁"}, {"898", "海口"}, {"931", "兰州"},
	{"991", "乌鲁木齐"}, {"471", "呼和浩特"},
}

// orgForms: one in ten names is a 股份有限公司 and one an 有限责任公司.
var orgForms = []string{"有限公司", "有限公司", "有限公司", "有限公司", "有限公司",
	"有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"}

var surnames = strings.Split("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤", "")

var givenNames = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
	"明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "晓东", "海燕", "文", "斌", "鹏", "宇"}

var titles = []string{"总经理", "采购经理", "采购", "厂长", "业务经理", "财务", "行政主管", "技术总监", "董事长", "销售经理"}

func codes() []string {
	out := make([]string, len(areas))
	for i, a := range areas {
		out[i] = a.code
	}
	return out
}

func cities() []string {
	out := make([]string, len(areas))
	for i, a := range areas {
		out[i] = a.city
	}
	return out
}
