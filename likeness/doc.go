// Package likeness finds possible duplicates (疑似撞单): two resources that
// are likely one company although their company keys (R3) differ — the same
// trade name (字号) under another industry word, a homophone or a
// one-character change of the trade name, a renamed company that kept its
// contacts or its mail domain.
//
// It is plain data and functions, no I/O. [Profile] is what it reads of a
// resource; [Keys] are the index entries a profile is stored under and
// [Probes] the entries a search looks up, so that a database finds the
// candidates by equality on a b-tree; [Compare] turns a pair into the
// features the rule likeness.score weighs (R22) and the reasons, in words,
// that sales support reads.
//
// The candidates come only from keys: a pair that shares none is never
// compared. Which keys, and why these:
//
//   - trade: the trade name itself. Same 字号, any industry.
//   - pinyin: the trade name read in toneless pinyin (日东, 日冬: ri-dong),
//     with each character's most common reading.
//   - mask: the trade name with one Chinese character masked (科*达), for
//     trade names of three characters or more; and del: with one left out
//     (日东新 → 日东), against the trade key of a shorter one. Digits and
//     letters are not masked: they number companies (测速0000123). Two-
//     character trade names get neither: 华* would match every 华 company,
//     and one character of two is half the name (华为, 华美).
//   - contact: a contact's name within the resource's prefecture city.
//   - domain: the domain of a contact's mail address, unless it is a public
//     mail service (qq.com, 163.com …).
package likeness
