package namekey

// The flags of Parts.Flags: doubtful things about a parse, for a person to
// look at. The codes are stable; new ones may be added.
const (
	// FlagEnglish: the name has no Chinese outside brackets and was read as
	// an English name (see english.go).
	FlagEnglish = "english"
	// FlagNoIndustry: no industry word was recognised; the key is the trade
	// name alone.
	FlagNoIndustry = "no_industry"
	// FlagNoTradeName: nothing but industry words (电子有限公司); the key is
	// the industry.
	FlagNoTradeName = "no_trade_name"
	// FlagOnlyRegion: the name is a region and nothing else that counts
	// (苏州有限公司); the region is kept as the key.
	FlagOnlyRegion = "only_region"
	// FlagKeyIsRegionWord: the trade name starts with a region's name that
	// was kept, either because dropping it would leave no trade name
	// (黄山精密机械) or because it is also a common word (光明, 平安).
	FlagKeyIsRegionWord = "key_is_region_word"
	// FlagKeyIsGenericWord: the name is nothing but organisation forms and
	// generic words (贸易有限公司); the last of them is kept as the key.
	FlagKeyIsGenericWord = "key_is_generic_word"
	// FlagIndividual: the name ends in a form of individual businesses
	// (经营部, 商行, 门市部, 店, 工作室 …).
	FlagIndividual = "individual_business"
	// FlagUnknownOrgForm: no organisation form was recognised at the end.
	FlagUnknownOrgForm = "unknown_org_form"
	// FlagBracketKept: brackets held something that is neither a region nor
	// a marker such as （集团）; it was kept in the name.
	FlagBracketKept = "bracket_kept"
	// FlagRemark: brackets after the organisation form that ends the name
	// held neither a region nor a marker (杭州明远服饰有限公司（已合作）,
	// …有限公司【勿动】, … Co., Ltd. (Key Account)): a note of whoever typed
	// the name, which a registered name cannot hold. It was cut from the key
	// and is in Parts.Remark.
	FlagRemark = "remark"
	// FlagUnbalancedBracket: a bracket was not closed, or not opened.
	FlagUnbalancedBracket = "unbalanced_bracket"
	// FlagTruncated: the name was longer than any real name; only its first
	// 1024 letters, digits and brackets were parsed.
	FlagTruncated = "truncated"
	// FlagMixedScripts: after look-alikes were folded, the name's letters
	// are still of scripts that do not go together under UTS #39's Highly
	// Restrictive level (Latin with Cyrillic or Greek, Han with Cyrillic …;
	// Latin with Han, kana, Bopomofo or Hangul is fine): a letter the fold
	// could not map, such as Cyrillic ш in Sunшine or Greek ν passing for
	// v (see scripts.go). A name in Cyrillic or Greek alone gets it too,
	// as part of it folds to Latin.
	FlagMixedScripts = "mixed_scripts"
	// FlagEmpty: the name has no letters or digits; the key is empty.
	FlagEmpty = "empty"
)
