package likeness

// dup makes a record of company b's again, the dupKind way. It answers
// false when b's trade name does not allow that kind (no character with a
// homophone, not three characters long).
func (c *corpus) dup(b record, kind string) (record, bool) {
	r := record{company: b.company, kind: kind, city: b.city, trade: b.trade, ind: b.ind}
	rs := []rune(b.trade)
	i := c.rnd.IntN(len(rs))
	switch kind {
	case "industry_changed":
		for r.ind == b.ind {
			r.ind = industries[c.rnd.IntN(len(industries))]
		}
		if c.rnd.IntN(5) == 0 {
			r.city = cities[c.rnd.IntN(len(cities))] // an office in another city, at times
		}
	case "homophone":
		var at []int
		for j, x := range rs {
			if len(c.homo[x]) > 0 {
				at = append(at, j)
			}
		}
		if len(at) == 0 {
			return r, false
		}
		j := at[c.rnd.IntN(len(at))]
		rs[j] = c.homo[rs[j]][c.rnd.IntN(len(c.homo[rs[j]]))]
		r.trade = string(rs)
	case "typo":
		if len(rs) < 3 {
			return r, false
		}
		for x := rs[i]; rs[i] == x; {
			rs[i] = c.char()
		}
		r.trade = string(rs)
	case "char_added_or_left":
		if len(rs) == 3 {
			r.trade = string(rs[:i]) + string(rs[i+1:])
		} else {
			r.trade = string(rs[:i]) + string(c.char()) + string(rs[i:])
		}
	case "renamed":
		// A new name; what it keeps of the old record is what that record
		// has: the company's mail domain and a contact, two contacts, or
		// (the case no search can find) one contact alone.
		r.trade = c.newTrade()
		if c.rnd.IntN(2) == 0 {
			r.ind = industries[c.rnd.IntN(len(industries))]
		}
		domain := ""
		for _, m := range b.mails {
			if d := Domain(m); !IsPublicDomain(d) {
				domain = d
			}
		}
		var ways []string
		if domain != "" {
			ways = append(ways, "domain")
		}
		if len(b.people) >= 2 {
			ways = append(ways, "two")
		}
		if len(ways) == 0 {
			ways = []string{"one"}
		}
		switch ways[c.rnd.IntN(len(ways))] {
		case "domain":
			r.people = append(r.people, b.people[0])
			r.mails = append(r.mails, "sales@"+domain)
		case "two":
			r.people = append(r.people, b.people[:2]...)
		default:
			r.people = append(r.people, b.people[0])
		}
		return r, true
	}
	// The others keep each contact half of the time, and the company's
	// mail now and then; new people answer otherwise.
	for _, p := range b.people {
		if c.rnd.IntN(2) == 0 {
			r.people = append(r.people, p)
		} else {
			r.people = append(r.people, c.person())
		}
	}
	for _, m := range b.mails {
		if d := Domain(m); !IsPublicDomain(d) && c.rnd.IntN(3) == 0 {
			r.mails = append(r.mails, m)
		}
	}
	return r, true
}

// build makes n companies and about dups records of them entered again,
// in an order where each duplicate comes after its company's first record.
func (c *corpus) build(n, dups int) {
	total := 0
	for _, k := range dupKinds {
		total += k.weight
	}
	var bases []record
	for company := 0; len(bases) < n; company++ {
		b := c.base(company)
		if c.registrable(b) && c.add(b) {
			c.trades[b.city+b.trade] = append(c.trades[b.city+b.trade], b.ind)
			bases = append(bases, c.records[len(c.records)-1])
		}
	}
	for made := 0; made < dups; {
		b := bases[c.rnd.IntN(len(bases))]
		w := c.rnd.IntN(total)
		kind := ""
		for _, k := range dupKinds {
			if w < k.weight {
				kind = k.name
				break
			}
			w -= k.weight
		}
		if r, ok := c.dup(b, kind); ok && c.add(r) {
			made++
		}
	}
}

// registrable applies the registration rule to a company of the corpus: in
// one city no two companies have one trade name in one trade (企业名称登记
// 管理规定; a trade here is an industry or one sharing two characters).
func (c *corpus) registrable(r record) bool {
	for _, ind := range c.trades[r.city+r.trade] {
		if ind == r.ind || sharesBigram(ind, r.ind) {
			return false
		}
	}
	return true
}
