// Command genunicode writes namekey/data/confusables.txt and
// namekey/data/EquivalentUnifiedIdeograph.txt: the lines of the Unicode
// files that the look-alike fold (namekey/lookalike.go) reads, copied
// verbatim, with a notice at the top that the file was trimmed (the Unicode
// licence asks for one in every modified data file).
//
// Its input is the raw Unicode 15.0.0 files (see namekey/data/SOURCES.md for
// where they come from):
//
//	go run ./namekey/internal/genunicode \
//	    -confusables /tmp/icu/source/data/unidata/confusables.txt \
//	    -eui /tmp/unicode-data/usr/share/unicode/EquivalentUnifiedIdeograph.txt
//
// What is kept, and why the rest is never read:
//   - confusables.txt: lines whose source is a non-ASCII letter or digit that
//     NFKC leaves alone and that is not Han, Hiragana, Katakana, Hangul or
//     Bopomofo (the fold's candidates and their case partners), and the
//     lines of the ASCII letters and digits (0, 1, I, m), which say which
//     ASCII characters share a prototype. A character NFKC changes never
//     reaches the fold: normalization runs NFKC first.
//   - EquivalentUnifiedIdeograph.txt: lines whose first code point NFKC leaves
//     alone: the CJK Radicals Supplement and the CJK Strokes. NFKC already
//     maps every Kangxi radical (U+2F00–U+2FD5) to its ideograph.
package main

import (
	"bufio"
	"flag"
	"log"
	"os"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func main() {
	conf := flag.String("confusables", "", "raw confusables.txt (UTS #39)")
	eui := flag.String("eui", "", "raw EquivalentUnifiedIdeograph.txt (UCD)")
	out := flag.String("out", "namekey/data", "folder to write")
	flag.Parse()
	log.SetFlags(0)
	if *conf == "" || *eui == "" {
		log.Fatal("genunicode: -confusables and -eui are required")
	}
	trim(*conf, *out+"/confusables.txt", keepConfusable)
	trim(*eui, *out+"/EquivalentUnifiedIdeograph.txt", keepEquivalent)
}

const notice = `#
# MODIFIED by tide (namekey/internal/genunicode): only the lines that
# namekey's look-alike fold reads are kept, unchanged; the rest of the file
# was removed. See namekey/data/SOURCES.md for the source and the licence.
#
`

// trim copies the header comment (up to the first data line), the notice,
// and the data lines that keep accepts.
func trim(in, out string, keep func(first rune, line string) bool) {
	f, err := os.Open(in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	header, kept := true, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimPrefix(sc.Text(), "\ufeff")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			if header && strings.HasPrefix(line, "#") {
				b.WriteString(line + "\n")
			}
			continue
		}
		if header {
			b.WriteString(notice)
			header = false
		}
		first, err := strconv.ParseUint(strings.TrimSpace(strings.FieldsFunc(line, func(r rune) bool { return r == ';' || r == '.' })[0]), 16, 32)
		if err != nil {
			log.Fatalf("genunicode: %s: %q: %v", in, line, err)
		}
		if keep(rune(first), line) {
			b.WriteString(line + "\n")
			kept++
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("genunicode: kept %d lines of %s in %s", kept, in, out)
}

func keepConfusable(r rune, _ string) bool {
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	if r < 0x80 {
		return true // 0 → O, 1 → l, I → l, m → rn
	}
	return nfkcStable(r) && !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}

func keepEquivalent(r rune, _ string) bool { return nfkcStable(r) }

func nfkcStable(r rune) bool { return norm.NFKC.String(string(r)) == string(r) }
