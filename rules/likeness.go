package rules

// LikenessEnv is the environment of likeness.score: what two resources
// whose company keys differ have in common (package likeness computes it).
// The trade-name features exclude each other: a pair has the same trade
// name, or trade names that read the same, or trade names one character
// apart, or none of the three.
type LikenessEnv struct {
	SameTradeName    bool `expr:"same_trade_name" json:"same_trade_name"`       // 字号 equal
	SamePinyin       bool `expr:"same_pinyin" json:"same_pinyin"`               // 字号 differ and read the same in toneless pinyin (日东 / 日冬)
	OneCharApart     bool `expr:"one_char_apart" json:"one_char_apart"`         // 字号 differ by one character replaced, added or left out
	TradeNameLength  int  `expr:"trade_name_length" json:"trade_name_length"`   // characters of the longer 字号; 0 when either has none
	TradeNameHolders int  `expr:"trade_name_holders" json:"trade_name_holders"` // with same_trade_name or same_pinyin: stored resources in the other's city with that 字号 or reading, the other included; else 0
	SameIndustry     bool `expr:"same_industry" json:"same_industry"`           // 行业 equal
	IndustryOverlap  bool `expr:"industry_overlap" json:"industry_overlap"`     // 行业 differ and share two characters (精密电子 / 电子科技)
	SameRegion       bool `expr:"same_region" json:"same_region"`               // the same prefecture city
	OtherRegion      bool `expr:"other_region" json:"other_region"`             // both cities known, and different
	SharedContacts   int  `expr:"shared_contacts" json:"shared_contacts"`       // contact names both have
	SameEmailDomain  bool `expr:"same_email_domain" json:"same_email_domain"`   // a contact mail domain both have, not a public mail service
}

// LikenessThresholdEnv is the environment of likeness.threshold: Action is
// where the pair was met — "search", "entry", "identity_edit", "contact"
// (a contact added or changed) or "import" (a row of a public import).
type LikenessThresholdEnv struct {
	Action string `expr:"action" json:"action"`
}

// The shipped scoring of possible duplicates (疑似撞单). The weights, and
// the threshold of 60 they are read against, are justified by the labelled
// corpus of package likeness (docs/LIKENESS.md): a trade-name signal alone
// (50, 45 or 35) is not enough, nor is the place and trade alone; a trade
// name signal in the same city and trade is; a shared mail domain of the
// company's own, or two shared contacts in one city, are enough with
// little else. A common trade name (held by more than 3 resources) weighs
// less, and two cities apart weigh against.
const (
	DefaultLikenessScore = `min(100, max(0,
  (same_trade_name ? (trade_name_holders > 3 ? 25 : 40) : same_pinyin ? (trade_name_holders > 3 ? 20 : 35) : one_char_apart && trade_name_length >= 3 ? 30 : 0)
  + (same_region ? 15 : other_region ? -10 : 0)
  + (same_industry || industry_overlap ? 15 : 0)
  + (shared_contacts >= 2 ? 50 : shared_contacts == 1 ? 30 : 0)
  + (same_email_domain ? 70 : 0)))`
	DefaultLikenessThreshold = `60`
)
