package phone

// Types of number field a resource or contact carries. They say where a
// number was typed, not what it is: see Number.Line.
const (
	Mobile   = "mobile"
	Landline = "landline"
	Fax      = "fax"
)

// ValidType reports whether t is a known number field type.
func ValidType(t string) bool { return t == Mobile || t == Landline || t == Fax }

// What the digits of a number are, as Number.Line reports it.
const (
	LineMobile   = "mobile"
	LineLandline = "landline"
	LineTollFree = "toll_free" // 400 and 800 numbers, and foreign toll-free numbers
	LineOther    = "other"     // valid, but none of the above (VoIP, premium, foreign numbers that may be either …)
)

// Number is one parsed phone, fax or mobile number.
type Number struct {
	Input     string // the piece of input this number came from, trimmed
	E164      string // the normal form and collision key: "+8651265881234", "+8613800138000", "+864008123456"
	Extension string // "8001" or ""; never part of E164
	Line      string // what the digits are: "mobile", "landline", "toll_free" (400/800), "other"
}

// Normalize returns the normal form (E164) of the single number in raw, read
// without a region. It is an error if raw holds no number or several, or a
// bare local number that needs a region. Any extension is dropped.
func Normalize(raw string) (string, error) {
	ns, err := Parse(raw, "")
	if err != nil {
		return "", err
	}
	if len(ns) != 1 {
		return "", newError(KindCount, raw, "%q holds %d numbers; give only one", trim(raw), len(ns))
	}
	return ns[0].E164, nil
}
