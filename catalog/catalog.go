// Package catalog holds tide's words for people in each language it speaks:
// Simplified Chinese first, the language of the sales floor, and English,
// the language of the code. English texts are the keys (fault.Text's
// formats, field reasons, titles); zh-CN.json gives each its Chinese. The
// API's problem documents are translated here, and the console's pages will
// be: one catalogue, so the browser and the API say the same thing.
//
// A text with no translation is answered in English, never dropped; a test
// walks the source for every text a refusal can carry and fails when
// zh-CN.json lacks one.
package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tide-crm/tide/fault"
)

// Chinese and English are the languages tide speaks, in order of preference.
var (
	Chinese = language.MustParse("zh-CN")
	English = language.English
)

var matcher = language.NewMatcher([]language.Tag{Chinese, English})

//go:embed zh-CN.json
var zhCN []byte

var bundle = func() *i18n.Bundle {
	b := i18n.NewBundle(English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	if _, err := b.ParseMessageFileBytes(zhCN, "zh-CN.json"); err != nil {
		panic(fmt.Sprintf("catalog: zh-CN.json: %v", err))
	}
	return b
}()

// Match picks the language of an Accept-Language header: Chinese unless
// the client prefers English (Chinese too when the header is absent).
func Match(acceptLanguage string) language.Tag {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Chinese
	}
	_, i, conf := matcher.Match(tags...)
	if i == 1 && conf != language.No {
		return English
	}
	return Chinese
}

// Localizer translates texts into one language.
type Localizer struct {
	tag language.Tag
	l   *i18n.Localizer
}

// For returns the localizer of tag.
func For(tag language.Tag) Localizer {
	return Localizer{tag: tag, l: i18n.NewLocalizer(bundle, tag.String())}
}

// Tag is the localizer's language.
func (l Localizer) Tag() language.Tag { return l.tag }

// Word translates one English text; it answers the text itself when the
// catalogue has no translation (or the language is English).
func (l Localizer) Word(english string) string {
	if l.tag == English || english == "" {
		return english
	}
	if s, ok := words.Load(english); ok {
		return s.(string)
	}
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: english})
	if err != nil || s == "" {
		return english
	}
	words.Store(english, s)
	return s
}

// words remembers the Chinese of each English text translated so far: the
// catalogue never changes while the process runs, and a page asks for the
// same few texts once per row (go-i18n's Localize costs microseconds). Only
// texts the catalogue has are kept, so it never outgrows the catalogue.
var words sync.Map

// Text translates a text with its arguments.
func (l Localizer) Text(t fault.Text) string { return t.In(l.Word) }

// Reason translates why a field was refused: its text with arguments when
// it has one, else its reason.
func (l Localizer) Reason(f fault.FieldError) string {
	if f.Text != nil {
		return l.Text(*f.Text)
	}
	return l.Word(f.Reason)
}

// Has reports whether the catalogue translates english into Chinese.
func Has(english string) bool {
	_, err := i18n.NewLocalizer(bundle, Chinese.String()).Localize(&i18n.LocalizeConfig{MessageID: english})
	return err == nil
}
