package likeness

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/tide-crm/tide/namekey"
)

// The labelled corpus: a population of companies drawn from pools of
// trade-name characters, industries, cities and people's names (so that
// different companies look alike as often as chance makes them), and
// records of the same companies entered again under other keys, made by
// the transformations of dupKinds. A pair is the same company when both
// records were made for one company. docs/LIKENESS.md gives its make-up and
// the figures TestCorpus reports.

// tradeChars are characters common in trade names; the first 30 are drawn
// three times as often, as real trade names crowd on a few (华, 达, 鑫 …).
const tradeChars = "华达鑫源盛泰恒通信德利兴隆新丰嘉佳瑞科创博星海天龙凯晨光明远" +
	"安康宏美东日富汇金昌永丽立锦辉诚正祥和顺发益广大中亚欧宇振伟力鸿" +
	"腾飞扬帆联合精工强铭铂晶云峰蓝青绿景秀荣茂森林江河湖山川泉晟昊" +
	"睿锐欣馨元园圆冬栋峻骏俊" +
	"万众鼎宝百优品尚高特耐思捷迅泓沃邦润洁雅兰翔航瀚豪威迪诺朗普维赛斯克莱奥" +
	"银佰仟千禾昇升旭阳春秋夏雨霖霆翼鹰鹏凤麒麟豹狮虎雄骐琪琦瑶璟璞"

var industries = []string{"精密电子", "电子科技", "电子", "机械", "精密机械", "机械设备", "五金", "五金制品",
	"塑胶", "塑料制品", "纺织", "服装", "服饰", "餐饮", "建材", "物流", "化工", "医疗器械", "家具",
	"印刷", "包装", "食品", "软件", "网络科技", "环保科技", "汽车配件", "照明", "光电", "模具", "新材料"}

var cities = []string{"苏州", "上海", "杭州", "宁波", "无锡", "深圳", "广州", "东莞", "北京", "天津",
	"成都", "武汉", "南京", "青岛", "厦门"}

// surnames, the 20 most common first (they are half of all people), and
// the characters of given names, of which a given name has one or two.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗" +
	"郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"

const givenChars = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华平刚桂建志晓东海燕国丹玲斌" +
	"文辉力永健世广义兴良飞鹏浩宇俊峰林琳雪梅红霞婷慧颖琴云莲真环宁佳欣怡晨阳博思"

var publicMail = []string{"qq.com", "163.com", "126.com", "sina.com", "foxmail.com"}

// record is one resource of the corpus.
type record struct {
	company int    // which company it is
	kind    string // "base", or the dupKind that made it
	name    string
	city    string
	trade   string // the intended trade name, before parsing
	ind     string
	people  []string
	mails   []string
	p       Profile
}

// dupKinds are the ways a company is entered again, with how often.
var dupKinds = []struct {
	name   string
	weight int
}{
	{"industry_changed", 25}, // same 字号, another industry word (related or not), mostly the same city
	{"homophone", 25},        // one character of the 字号 replaced by one that reads the same
	{"typo", 15},             // one character of a 字号 of three replaced by another
	{"char_added_or_left", 10},
	{"renamed", 25}, // a new name, the same contacts or the company's mail domain
}

type corpus struct {
	rnd     *rand.Rand
	records []record
	keys    map[string]bool     // company keys taken
	trades  map[string][]string // the industries of each city + trade name taken by a base
	homo    map[rune][]rune     // characters of tradeChars that read the same
}

func newCorpus(seed uint64) *corpus {
	c := &corpus{rnd: rand.New(rand.NewPCG(seed, 19)), keys: map[string]bool{}, trades: map[string][]string{}, homo: map[rune][]rune{}}
	byReading := map[string][]rune{}
	for _, r := range tradeChars {
		byReading[reading(string(r))] = append(byReading[reading(string(r))], r)
	}
	for _, rs := range byReading {
		for _, r := range rs {
			for _, o := range rs {
				if o != r {
					c.homo[r] = append(c.homo[r], o)
				}
			}
		}
	}
	return c
}

func (c *corpus) char() rune {
	rs := []rune(tradeChars)
	if c.rnd.IntN(2) == 0 {
		return rs[c.rnd.IntN(30)]
	}
	return rs[c.rnd.IntN(len(rs))]
}

func (c *corpus) newTrade() string {
	n := 2
	if c.rnd.IntN(10) < 3 {
		n = 3
	}
	var b strings.Builder
	for range n {
		b.WriteRune(c.char())
	}
	return b.String()
}

func (c *corpus) person() string {
	s, g := []rune(surnames), []rune(givenChars)
	var name []rune
	if c.rnd.IntN(2) == 0 {
		name = append(name, s[c.rnd.IntN(20)])
	} else {
		name = append(name, s[c.rnd.IntN(len(s))])
	}
	for range 1 + min(1, c.rnd.IntN(5)) { // one given character in five names
		name = append(name, g[c.rnd.IntN(len(g))])
	}
	return string(name)
}

// add parses and keeps a record unless its company key is taken (the
// entry would have been refused as a collision, not a possible duplicate).
func (c *corpus) add(r record) bool {
	r.name = r.city + r.trade + r.ind + "有限公司"
	parts := namekey.Parse(r.name)
	if c.keys[parts.Key] || r.trade == "" {
		return false
	}
	c.keys[parts.Key] = true
	r.p = New(int64(len(c.records)+1), r.name, parts, r.city, r.people, r.mails)
	c.records = append(c.records, r)
	return true
}

func (c *corpus) base(company int) record {
	r := record{company: company, kind: "base", city: cities[c.rnd.IntN(len(cities))],
		trade: c.newTrade(), ind: industries[c.rnd.IntN(len(industries))]}
	domain := fmt.Sprintf("%s%d.com.cn", strings.ReplaceAll(reading(r.trade), "-", ""), company)
	for range 1 + c.rnd.IntN(3) {
		name := c.person()
		r.people = append(r.people, name)
		switch c.rnd.IntN(4) {
		case 0:
			r.mails = append(r.mails, fmt.Sprintf("p%d@%s", c.rnd.IntN(1000), domain))
		case 1:
			r.mails = append(r.mails, fmt.Sprintf("p%d@%s", c.rnd.IntN(100000), publicMail[c.rnd.IntN(len(publicMail))]))
		}
	}
	return r
}
