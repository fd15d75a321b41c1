package web

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/rules"
)

// Every text a template shows through T has its Chinese in the catalogue:
// a page is never half in English.
func TestEveryTemplateTextIsTranslated(t *testing.T) {
	call := regexp.MustCompile(`\.T "([^"]+)"`)
	n := 0
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := templateFS.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range call.FindAllStringSubmatch(string(data), -1) {
			n++
			if !catalog.Has(m[1]) {
				t.Errorf("%s: %q has no Chinese in catalog/zh-CN.json", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Errorf("found only %d texts: is the pattern still right?", n)
	}
}

// The words the pages look up by a value (a note's channel, a move's path,
// a notification's kind) have their Chinese too.
func TestLookedUpWordsAreTranslated(t *testing.T) {
	for _, words := range []map[string]string{channelWords, pathWords, kindWords, stateWords, typeWords, storyKindWords, eventWords, actionWords, roleWords} {
		for key, english := range words {
			if !catalog.Has(english) {
				t.Errorf("%s: %q has no Chinese in catalog/zh-CN.json", key, english)
			}
		}
	}
}

// Each rule point's description and each version state has its Chinese:
// the rule editor shows them by value.
func TestRuleWordsAreTranslated(t *testing.T) {
	for _, p := range rules.Points() {
		if !catalog.Has(p.Doc) {
			t.Errorf("%s: its description has no Chinese", p.Name)
		}
	}
	for _, s := range []string{rules.Draft, rules.Active, rules.Retired} {
		if !catalog.Has(s) {
			t.Errorf("the state %q has no Chinese", s)
		}
	}
}
