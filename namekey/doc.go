// Package namekey derives the company key that two records of one company
// share (R3 of the domain rules).
//
// A Chinese company name has four parts (企业名称登记管理规定 2020):
// region (行政区划), trade name (字号), industry (行业) and organisation form
// (组织形式), as in 苏州 | 日东 | 精密电子 | 有限公司. The key is trade name +
// industry; region, organisation form and generic words (实业, 贸易, 发展,
// 科贸, 商贸, 经营, 集团, 销售, 商城, 商场, 中心 …) are dropped, so
// 苏州日东精密电子中心有限公司 and 日东（苏州）精密电子有限公司 both have the key
// 日东精密电子. [Parse] returns the parts and the key; [Key] only the key.
//
// # The algorithm
//
//  1. Normalize: NFKC (full-width → half-width), look-alikes folded (CJK
//     radicals to ideographs, Cyrillic and Greek look-alikes to Latin; see
//     lookalike.go), whitespace and invisible characters (zero-width, BOM,
//     controls) removed, traditional → simplified (OpenCC t2s), lower case,
//     every bracket written ( ). The parser then reads only letters,
//     digits and brackets. A name whose letters still mix scripts is
//     flagged mixed_scripts (scripts.go).
//  2. Brackets: a region or 中国 in brackets is dropped wherever it stands
//     (日东（苏州）精密电子). A marker, made of forms and generic words only
//     (（集团）, （有限合伙）, （个人独资）), is dropped inside the name and
//     unwrapped in place at its end, for step 4 to strip. Other text at the
//     end of the name, after an organisation form, is a remark
//     (…有限公司（已合作）): cut and flagged. Other text anywhere else is
//     unwrapped in place and flagged.
//  3. Branch: a branch suffix (分公司, 分厂, 分店, 办事处, 营业部, 分行, 经营部 …)
//     after a parent's name (…有限公司苏州分公司, or …电子上海分公司) is cut, and
//     the branch gets the parent's key.
//  4. Tail: organisation forms and generic words are stripped from the end,
//     longest first, repeatedly (中心 + 有限公司). Stripping stops at an
//     industry word, even one that ends like a form (酒店, 银行), and never
//     takes the last word left. Nor does it cut a word in two: when the
//     longest form would begin inside an industry word, and no industry
//     word ends right before it, a shorter form that leaves the word whole
//     is taken (机械加工 + 厂, not 机械加 + 工厂; but 光电 + 工厂); and no
//     form is taken that ends a division's name at the start (驻马店, not
//     驻马 + 店).
//  5. Region: the chain of divisions at the start is stripped — province,
//     prefecture, county, in full or short form, and development zones after
//     them (江苏省苏州市吴中区, 江苏苏州, 上海浦东, 苏州工业园区), and named zones
//     and towns right after a division (武汉东湖新技术开发区, 东莞市长安镇). A
//     division is kept when stripping it would leave no trade name of two or
//     more characters — the registration rules' minimum — in front of the
//     industry words (黄山精密机械: 黄山 is the trade name; 广州白云山医药 is not
//     广州白云 + 山). Forms that are also ordinary words or trade names (光明,
//     平安, 阿里, and any form shared by several counties, such as 新华 or
//     龙华) are stripped only after the division that contains them
//     (深圳光明) or in brackets.
//  6. Industry: industry words are read off the end, longest match first,
//     several in a row (精密 + 电子); generic words among them are dropped.
//     What is left in front is the trade name. No industry word: the whole
//     rest is the trade name, flagged no_industry.
//  7. Key = trade name + industry, letters and digits only, normalized
//     again so that reading a key as a name gives the key back. A division
//     kept as the trade name is written short (深圳市龙华区鞋业 and
//     深圳龙华鞋业: 龙华鞋业), and generic words are gone; when either makes
//     text that reads otherwise (龙门县市 → 龙门市, read 龙 + 门市; 长 + 外贸
//     + 海产品 → 长海产品, read 长海, a county, + 产品), the name's own text
//     from the trade name to the last industry word is the key instead.
//
// English names (no Chinese outside brackets) are split into words instead;
// see english.go.
//
// # Decisions
//
// 业: the deck lists 业 among organisation forms, but stripped on its own it
// turns 鞋业 into 鞋 and 物业 into 物. 业 is never stripped alone; words in 业
// are listed whole, as generic words (实业, 企业, 产业, 商业) or as industry
// words (鞋业, 车业, 置业, 物业, 纸业, 药业 …). An unlisted X业 stays in the
// trade name.
//
// 科技 (and 技术) are industry words, not generic ones: they are the
// industry a 科技有限公司 registers (GB/T 4754 M75, 科技推广和应用服务业), and
// 日东科技 and 日东电子 are not the same company. 科贸, in the deck's list,
// stays generic. 服务, 管理 and 国际 are kept too; the generic list is the
// deck's plus words of the same kind (工贸, 经贸, 控股, 进出口 …), each file
// in data/ says why.
//
// 工厂, 厂 and 部 are organisation forms (华盛电子工厂 → 华盛电子). 部 is
// one of the forms 个体工商户名称登记管理办法 (2009, art. 10) gives
// individual businesses, with 厂, 店, 馆, 行 and 中心; 馆 is not listed, as
// it ends more trades than names (宾馆, 茶馆). In 机械加工厂 the industry
// is 机械加工 and the form 厂, as in 机械加工店 and 机械加工部: all share
// the key of 机械加工有限公司. The same holds wherever the longest form
// would begin inside an industry word (化工厂, 阀门店, 电商行), unless an
// industry word ends right before it (光电 + 工厂, not 光 + 电工 + 厂) or
// no shorter form is left (机电工贸 is 机电 + 工贸, although 电工 is an
// industry).
//
// Partnership and sole-proprietorship markers (（有限合伙）, （普通合伙）,
// （特殊普通合伙）, （个人独资）) are organisation forms. At the end of the
// name they are stripped with the form before them (合伙企业 + 有限合伙)
// and, being outermost, decide whether the name is an individual
// business's (小张服装店（个人独资） is a sole proprietorship, not a
// 个体工商户); inside the name they are dropped, like （集团）. Written
// out, 有限合伙企业, 普通合伙企业 and 个人独资企业 are one form each.
//
// Remarks: reps write notes after a name (杭州明远服饰有限公司（已合作）,
// …【勿动】). A registered name ends with its organisation form, so text in
// brackets after the form that ends the name is not the name's: it is cut,
// kept in Parts.Remark and flagged remark. Without a form before it
// (杭州明远服饰（已合作）) nothing says where the name ends: the bracket
// stays, flagged bracket_kept, as do brackets before the form. English
// names likewise: … Co., Ltd. (Key Account).
//
// Regions: every division down to county level is known by its full name
// and by short forms of at least two characters (江苏省/江苏, 延边朝鲜族自治州/
// 延边/延边州, 浦东新区/浦东); one-character short forms (和 of 和县) are not
// used, since they are ordinary characters far more often than places.
//
// English keys are the remaining words joined with nothing between them
// (Sun Tech Co., Ltd. and SunTech Inc have the key suntech): spacing never
// makes a different key, as for Chinese names.
//
// Look-alikes (security audit: a copy of a name in Cyrillic а е о р с х
// or with ⻋ for 车 got its own key). Unicode's data decide, not a list of
// our own: EquivalentUnifiedIdeograph.txt for the CJK radicals and strokes,
// confusables.txt (UTS #39) for the rest. The fold runs right after NFKC,
// where TR39's skeleton would decompose (NFD): NFKC has already mapped
// compatibility forms (𝐀, Ａ, the Kangxi radicals), and a precomposed letter
// folds by its base (Cyrillic ё → ë), which the normalize loop composes
// again, so normalizing twice still changes nothing. It runs before t2s (a
// radical's ideograph may be traditional) and before lower case (Cyrillic
// І → I → i, not l: TR39's prototype for I, which ASCII keeps as it is).
// Never folded: ASCII (TR39 maps I and 1 to l, m to rn, 0 to O), Han,
// kana, Hangul and Bopomofo (confusables.txt maps some ideographs to
// others: merging two characters merges two companies), and anything whose
// prototype is not ASCII letters and digits (it would bring the key no
// closer to the name imitated, and hide the mixed scripts from the flag).
// Upper and lower case of a letter fold together, since a key ignores
// case: Cyrillic т folds with Т to t, although TR39's prototype for т is
// the small capital ᴛ, which differs from t only by case. A capital whose
// small letter looks like something else folds alone (Ν → n, while ν,
// which passes for v, stays Greek: Ν and ν no longer share a key), and a
// capital with no entry of its own follows its small letter (Γ with
// γ → y), or normalizing twice would change the key again.
//
// Mixed scripts are judged after the fold, as UTS #39's Highly Restrictive
// level: a look-alike that folded has given the name the key of the name it
// imitates, so the collision search finds it; a letter of another script
// that is left (Sunшine, 日东Дж电子) is for a person to look at. A name in
// Cyrillic or Greek alone is flagged too, since part of it folds to Latin
// (Газпром → гaзпpom); such names are rare in this CRM, and look-alike
// spellings are exactly what the flag is for. Such a name, having Latin
// letters after the fold, is read as an English name.
//
// Parse never panics and does no I/O: the word lists, the divisions and
// the Unicode tables are embedded (data/, sources in data/SOURCES.md) and
// loaded on first use.
package namekey
