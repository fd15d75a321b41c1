package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// static holds the vendored htmx (2.0.8, Zero-Clause BSD, licence beside
// it) and tide's one stylesheet. No CDN, no build step.
//
//go:embed static
var static embed.FS

// assets maps a file's name to its URL, which carries a hash of its
// content: a URL never changes meaning, so browsers may keep it for a year.
var assets = func() map[string]string {
	urls := map[string]string{}
	entries, err := fs.ReadDir(static, "static")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		data, err := static.ReadFile("static/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(data)
		urls[e.Name()] = "/static/" + hex.EncodeToString(sum[:6]) + "/" + e.Name()
	}
	return urls
}()

// assetURL is the template function that names an asset by its URL.
func assetURL(name string) string {
	u, ok := assets[name]
	if !ok {
		panic("web: no asset " + name)
	}
	return u
}

// types pins the content types of the assets rather than trusting the
// machine's MIME table, which can call .js text/plain.
var types = map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
	".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml"}

// assetHandler serves /static/<hash>/<name>; a hash that is not the
// file's current one is 404, so an old page never gets new code under an
// old name.
func assetHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		if assets[name] != r.URL.Path {
			http.NotFound(w, r)
			return
		}
		data, err := static.ReadFile("static/" + name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		ct := types[path.Ext(name)]
		if ct == "" {
			ct = mime.TypeByExtension(path.Ext(name))
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("ETag", `"`+strings.Split(r.URL.Path, "/")[2]+`"`)
		_, _ = w.Write(data)
	})
}
