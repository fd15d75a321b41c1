package catalog

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Every text a refusal can carry has its Chinese: the test walks tide's
// source for the texts given to fault (New, Invalidf, Wrap, Say, T, Field),
// to field reasons (Reason: "…", bad(field, "…"), fields.err("…")), to rule
// refusals, to the password policy and to the problem titles, and fails
// naming each one zh-CN.json lacks. Texts built at run time (a phone
// number's diagnosis, a compile error) are not in the source and stay
// English inside a translated sentence.
func TestEveryTextOfARefusalHasItsChinese(t *testing.T) {
	texts := sourceTexts(t, "..")
	if len(texts) < 150 {
		t.Fatalf("found only %d texts: the walk lost its way", len(texts))
	}
	var missing []string
	for _, s := range texts {
		if !Has(s) {
			missing = append(missing, strconv.Quote(s))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d texts have no Chinese in zh-CN.json:\n%s", len(missing), strings.Join(missing, ",\n"))
	}
}

// sourceTexts returns the literal texts of refusals in the Go files under
// root, tests and generators left out.
func sourceTexts(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "internal" || d.Name() == "e2e" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			return err
		}
		inAuth := filepath.Base(filepath.Dir(p)) == "auth"
		ast.Inspect(f, func(n ast.Node) bool {
			for _, s := range texts(n, inAuth) {
				if s != "" && s != "%s" {
					seen[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	return out
}

// argAt says which argument of a call of that name is a text.
var argAt = map[string]int{"New": 1, "Invalidf": 1, "Wrap": 2, "Say": 0, "T": 0, "Field": 1, "bad": 1, "err": 0,
	"refusal": 3, "Word": 0, "invalid": 1}

func texts(n ast.Node, inAuth bool) []string {
	switch x := n.(type) {
	case *ast.CallExpr:
		name := ""
		switch fn := x.Fun.(type) {
		case *ast.SelectorExpr:
			name = fn.Sel.Name
			if id, ok := fn.X.(*ast.Ident); ok && id.Name == "errors" && name == "New" && !inAuth {
				return nil // errors.New outside auth: not shown to users
			}
			if id, ok := fn.X.(*ast.Ident); ok && id.Name == "errors" && name == "New" {
				return []string{literal(x.Args[0])}
			}
		case *ast.Ident:
			name = fn.Name
		}
		if i, ok := argAt[name]; ok && i < len(x.Args) {
			return []string{literal(x.Args[i])}
		}
	case *ast.KeyValueExpr:
		if k, ok := x.Key.(*ast.Ident); ok && (k.Name == "Reason" || k.Name == "Detail") {
			return []string{literal(x.Value)}
		}
	case *ast.CompositeLit: // the problem titles: {http.Status…, "slug", "Title"}
		if len(x.Elts) == 3 {
			if sel, ok := x.Elts[0].(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "http" && strings.HasPrefix(sel.Sel.Name, "Status") {
					return []string{literal(x.Elts[2])}
				}
			}
		}
	}
	return nil
}

func literal(e ast.Expr) string {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return ""
	}
	s, err := strconv.Unquote(b.Value)
	if err != nil {
		return ""
	}
	return s
}

// Each translation takes the English text's arguments: formatted with
// values of the English verbs' kinds, it leaves no %!verb(…) behind.
func TestTranslationsTakeTheirArguments(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)
	var zh map[string]string
	if err := json.Unmarshal(zhCN, &zh); err != nil {
		t.Fatal(err)
	}
	for en, cn := range zh {
		var args []any
		for _, v := range verbs.FindAllString(en, -1) {
			switch v[len(v)-1] {
			case '%':
			case 'd':
				args = append(args, 7)
			default:
				args = append(args, "x")
			}
		}
		if got := fmt.Sprintf(cn, args...); strings.Contains(got, "%!") {
			t.Errorf("%q → %q: %s", en, cn, got)
		}
		if want := fmt.Sprintf(en, args...); strings.Contains(want, "%!") {
			t.Errorf("the English %q itself: %s", en, want)
		}
	}
}
