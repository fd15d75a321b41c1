package web

import (
	"bytes"
	"embed"
	"fmt"
	"html"
	"html/template"
	"log/slog"
	"net/http"
	"regexp"
	"strings"

	"golang.org/x/text/language"

	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

//go:embed templates
var templateFS embed.FS

// view is one screen: the layout with the screen's blocks, parsed on its
// own so that no two screens' blocks meet. A fragment is a block a screen
// defines that htmx asks for alone.
type view struct {
	t *template.Template
}

// viewNames are the screens; each has templates/<name>.html.
var viewNames = []string{"home", "login", "profile", "search", "enter", "mine", "public", "refer", "notifications", "customer", "apply", "applications", "pick", "forbidden", "password", "users", "user", "tasks", "task", "duplicates", "rules", "rule", "calendar", "audit", "imports", "import"}

// mustParseViews parses every view at start, once per language: a broken
// template stops the process before it serves anything.
func mustParseViews() map[language.Tag]map[string]*view {
	views := map[language.Tag]map[string]*view{}
	for _, tag := range []language.Tag{catalog.Chinese, catalog.English} {
		words := catalog.For(tag)
		views[tag] = map[string]*view{}
		for _, name := range viewNames {
			var t *template.Template
			for _, file := range []string{"layout.html", "partials.html", name + ".html"} {
				src, err := templateFS.ReadFile("templates/" + file)
				if err != nil {
					panic(err)
				}
				next := template.New(file)
				if t != nil {
					next = t.New(file)
				}
				if _, err := next.Funcs(funcs).Parse(translate(string(src), words)); err != nil {
					panic(fmt.Sprintf("web: view %s (%s): %v", name, file, err))
				}
				if t == nil {
					t = next
				}
			}
			views[tag][name] = &view{t: t}
		}
	}
	return views
}

// funcs are the functions templates call beside their data's methods.
var funcs = template.FuncMap{"asset": assetURL, "list": func(s ...string) []string { return s }, "noteFields": noteFields,
	"hasPrefix": strings.HasPrefix, "minus": func(a, b int) int { return a - b }, "plus": func(a, b int) int { return a + b }, "minute": china.Minute}

// staticText is a template's call of T with a literal text.
var staticText = regexp.MustCompile(`\{\{\s*\$?\.T "([^"]+)"\s*\}\}`)

// translate writes every T of a literal text into the template as its
// translation, escaped for HTML text and attribute values alike, so a page
// pays nothing at run time for its fixed words (a list page asked for the
// same label once per cell). T of a value computed at run time stays a call.
func translate(src string, words catalog.Localizer) string {
	return staticText.ReplaceAllStringFunc(src, func(call string) string {
		text := words.Word(staticText.FindStringSubmatch(call)[1])
		if strings.Contains(text, "{{") {
			panic("web: a translation holds template delimiters: " + text)
		}
		return html.EscapeString(text)
	})
}

// page is what every template sees: the words of the asker's language,
// who is asking, and the screen's own data.
type page struct {
	words catalog.Localizer
	User  *people.User
	Lang  string // the page's lang attribute
	Here  string // the page's own path and query, to come back to
	Data  any
}

// T translates an English text of the catalogue into the page's language.
func (p page) T(english string) string { return p.words.Word(english) }

// render writes the whole page of view name.
func (c *console) render(w http.ResponseWriter, r *http.Request, s *session, status int, name string, data any) {
	c.write(w, s, status, name, "layout.html", localPath(r.URL.RequestURI()), data)
}

// renderFragment writes one block of view name, for htmx to swap in.
func (c *console) renderFragment(w http.ResponseWriter, s *session, status int, name, block string, data any) {
	c.write(w, s, status, name, block, "/", data)
}

func (c *console) write(w http.ResponseWriter, s *session, status int, name, block, here string, data any) {
	v, ok := c.views[s.words.Tag()][name]
	if !ok {
		panic("web: no view " + name) // a programming error, caught by the tests of every route
	}
	var buf bytes.Buffer
	p := page{words: s.words, User: s.user, Lang: s.words.Tag().String(), Here: here, Data: data}
	if err := v.t.ExecuteTemplate(&buf, block, p); err != nil {
		slog.Error("web: render", "component", "web", "view", name, "block", block, "err", err)
		http.Error(w, s.words.Word("the server failed to handle the request; it has been logged"), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "HX-Request, Cookie, Accept-Language")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// Say translates a text with its arguments into the page's language.
func (p page) Say(t fault.Text) string { return p.words.Text(t) }
