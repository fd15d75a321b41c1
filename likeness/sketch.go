package likeness

import "github.com/tide-crm/tide/rules"

// Sketch is what the likeness index says of a stored resource a search
// met, without reading the resource: the profile fields its keys are
// stored with, and which of the search's probes it holds. It lets a search
// weigh a candidate before paying to read it (Weigh).
type Sketch struct {
	ID int64
	// Indexed is false when the resource's keys were made before they
	// carried the fields below (likeness.KeysVersion 1): nothing can be
	// said of it but that it was met.
	Indexed    bool
	TradeName  string
	Industry   string
	Prefecture string
	Contacts   []string
	Met        []Key // the probes of the search it holds
}

// SketchOf is the sketch of stored profile b that a search for a meets:
// what the index holds of b, and those of a's probes that are b's keys.
// The store builds the same from its rows; tests build it from profiles.
func SketchOf(a, b Profile) Sketch {
	s := Sketch{ID: b.ID, Indexed: true, TradeName: b.TradeName, Industry: b.Industry, Prefecture: b.Prefecture, Contacts: b.Contacts}
	held := map[Key]bool{}
	for _, k := range Keys(b) {
		held[k] = true
	}
	for _, k := range Probes(a) {
		if held[k] {
			s.Met = append(s.Met, k)
			held[k] = false // a probe may repeat
		}
	}
	return s
}

// Weigh returns what Compare(a, b, holders).Env is, b being the stored
// resource sketched by s, without reading b: the sketch carries all that
// Compare weighs but the trade name's reading and the mail domains, and
// b shares those with a exactly when it holds the pinyin or domain key a
// probes (both are global). ok is false when the sketch says too
// little (not Indexed): the resource must be read and compared.
func Weigh(a Profile, s Sketch, holders Holders) (env rules.LikenessEnv, ok bool) {
	if !s.Indexed {
		return env, false
	}
	b := Profile{ID: s.ID, TradeName: s.TradeName, Industry: s.Industry, Prefecture: s.Prefecture, Contacts: s.Contacts}
	for _, k := range s.Met {
		switch k.Kind {
		case KindDomain:
			b.Domains = append(b.Domains, k.Value)
		case KindPinyin: // b reads as a does exactly when it holds a's reading
			b.Reading = k.Value
		}
	}
	env = compare(a, b, holders, false).Env
	return env, true
}
