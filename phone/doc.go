// Package phone puts phone, fax and mobile numbers in one normal form so that
// the collision search compares like with like (R2, R4, R18).
//
// # The normal form
//
// Every number is keyed by its E.164 form: "+", the country code, the area
// (or network) code and the subscriber number, digits only:
//
//	0512-6588 1234 转8001    → +8651265881234, extension 8001
//	+86 138 0013 8000        → +8613800138000
//	400-812-3456             → +864008123456
//
// The extension is kept apart and is never part of the key: two extensions
// of one switchboard are one company. The key does not depend on the field a
// number was typed in either: a "fax" that is really a landline has the same
// key as that landline, so every number can be searched against every stored
// number (R2). Number.Line says what the digits are (mobile, landline,
// toll_free or other), independently of the field.
//
// Parsing is libphonenumber's (github.com/nyaruka/phonenumbers, region CN)
// after this package's own pre-processing: full-width characters are folded,
// several numbers in one field are split apart, extensions in Chinese and
// Western notations are taken off, and the country code (+86, 0086, 086,
// a bare 86 before 10 or more digits, "+86 (0)") and trunk 0 are read here.
// A bare local number (7 or 8 digits) takes its area code from the number
// before it in the same field, else from the resource's region, which is
// matched against a table of area codes generated from libphonenumber's
// geocoding data (see data/SOURCES.md).
//
// # The fast path
//
// Most fields hold one mobile or one number with its area code. Parse reads
// those (fast.go) without libphonenumber's regular expressions, which were
// most of a parse's cost: it retraces the full path's steps on the folded
// text and takes the number's type from a table built on first use (about
// 20 ms) from libphonenumber's own metadata for CN (cntype.go, nfa.go), so
// it follows a phonenumbers upgrade. Its answers are the full path's,
// exactly: fast_test.go compares the two on every test input and on a
// generated corpus (every mobile prefix, every area code, dressed in every
// supported way), FuzzFastPath on any input. Anything else — several
// numbers, a bare local number, a foreign number, an error — goes the full
// way. Block answers from the same table which numbers Parse accepts, for
// generators of test data.
//
// # Decisions
//
//   - Foreign numbers are accepted when written with "+" or "00" and valid
//     for their country: E.164 is the normal form for any country. Without a
//     prefix, a number is read as Chinese.
//   - After "/" or "、", a digit group shorter than the subscriber number
//     replaces its last digits: "0512-65881234/5" and "0512-65881234/35"
//     are 65881234 and 65881235. A group as long as the subscriber number is
//     a second local number in the same area: "0512-65881234/65881235". A
//     group as long as the previous number's extension is a second extension
//     of that number: "0512-65881234转8001/8002".
//   - After a comma, 1 to 6 digits are an extension ("0512-65881234,8001",
//     libphonenumber's convention); longer groups are another number.
//   - "-8001" after a complete landline or 400/800 number is an extension;
//     after a mobile it is an error. Digits after a space are never an
//     extension: "0512 65881234 8001" is refused with a hint to write 转8001.
//   - Letters are an error unless they are an extension marker (ext, x,
//     转, 分机 …) followed by digits: "13800138000abc" is refused, so are
//     labels such as "电话:".
//   - Service numbers of fewer than 7 digits (10086, 95588) are refused as
//     too short: they identify no company. So are landlines whose local
//     number is not 7 or 8 digits or starts with 0 (010-95588,
//     010-00000000), which libphonenumber's patterns would let through:
//     such keys would make false collisions between unrelated companies.
//   - 400 numbers (shared-cost for libphonenumber) and 800 numbers are both
//     Line "toll_free". A foreign number whose type libphonenumber cannot
//     tell (in the US, fixed line or mobile) is "other".
//   - A field longer than 512 bytes is refused; only the first 64 characters
//     of a region are read.
//   - The same number twice in one field (same key and extension) is
//     returned once.
//   - A region is matched by the longest city name it contains, after an
//     optional province; a name that several area codes share (资阳,
//     伊犁哈萨克自治州, Taizhou) is refused as ambiguous, except that
//     English "Suzhou" and "Fuzhou" mean 苏州 and 福州, as in common usage;
//     "Suzhou, Anhui" still means 宿州. Districts and county-level cities
//     (吴中区, 昆山) are not in the table and are refused.
package phone
