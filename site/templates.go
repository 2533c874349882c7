package main

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// pageKinds are the kinds of page, each a template beside layout.html.
var pageKinds = []string{"front", "chapter", "files", "identifiers", "print", "search"}

// templates holds one parsed set a page kind.
var templates = func() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, k := range pageKinds {
		m[k] = template.Must(template.ParseFS(templateFS, "templates/layout.html", "templates/"+k+".html"))
	}
	return m
}()

// A pageData is what the layout template shows.
type pageData struct {
	Lang        string
	Title       string // of the HTML document
	BookTitle   string
	Description string
	Root        string // from the page to the site root
	Kind        string // one of pageKinds
	Slug        string // the chapter, if any
	Source      string // the Markdown the page is made from
	Nav         *navData
	Menu        template.HTML // the header's contents menu
	Prev, Next  *navLink
	Main        template.HTML // rendered Markdown
	Data        any           // what the kind's template needs
	Live        bool
}

// A navLink is a link with its text.
type navLink struct {
	Title, Href string
	Level       int
}

// execute renders a page with its kind's template.
func execute(d *pageData) ([]byte, error) {
	var b bytes.Buffer
	err := templates[d.Kind].ExecuteTemplate(&b, "layout", d)
	return b.Bytes(), err
}

// staticAssets returns the embedded CSS and JavaScript by site path.
func staticAssets() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := assetFS.ReadFile(p)
		out[p] = data
		return err
	})
	return out, err
}
