package main

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var (
	scriptTag   = regexp.MustCompile(`(?i)<script[^>]*>`)
	ownScript   = regexp.MustCompile(`^<script src="(\.\./)?assets/(site|nav)\.js"( defer)?>$`)
	tagPattern  = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	handlerAttr = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	badURL      = regexp.MustCompile(`(?i)(href|src)\s*=\s*"\s*(javascript|vbscript|data):`)
)

// TestScriptStaysInert renders a chapter full of script injections
// (raw <script>, event handlers, javascript: links and images, HTML in
// headings, chunk names and file names) and checks that no page holds
// a script other than the site's own, an event handler attribute, or
// a javascript:, vbscript: or data: URL.
func TestScriptStaysInert(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/xss.txtar")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(fixtureBook(t, ar), WithKeepGoing(true))
	if s == nil {
		t.Fatalf("Build: %v", err)
	}
	if err != nil {
		s.ShowErrors(err) // the error banner must be inert too
	}
	pages := 0
	for p, data := range s.Files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		text := string(data)
		for _, tag := range scriptTag.FindAllString(text, -1) {
			if !ownScript.MatchString(tag) {
				t.Errorf("%s: script tag %s", p, tag)
			}
		}
		for _, tag := range tagPattern.FindAllString(text, -1) {
			if handlerAttr.MatchString(tag) {
				t.Errorf("%s: event handler in %s", p, tag)
			}
			if badURL.MatchString(tag) {
				t.Errorf("%s: script URL in %s", p, tag)
			}
		}
	}
	if pages < 5 {
		t.Fatalf("only %d pages built", pages)
	}
	for _, js := range []string{"assets/search-index.js", "assets/nav.js"} {
		if strings.Contains(string(s.Files[js]), "</script") {
			t.Errorf("%s holds </script unescaped", js)
		}
	}
}

// TestUnsafeHTMLIsOptIn checks the other side: with WithUnsafeHTML a
// book may use raw HTML, so the option really is what keeps it out.
func TestUnsafeHTMLIsOptIn(t *testing.T) {
	ar := txtar.Parse([]byte("-- chapters/02-world/README.md --\n# World\n\n<kbd>Ctrl</kbd>\n"))
	root := fixtureBook(t, ar)
	for _, unsafe := range []bool{false, true} {
		s, err := Build(root, WithUnsafeHTML(unsafe))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(string(s.Files["02-world/index.html"]), "<kbd>Ctrl</kbd>")
		if got != unsafe {
			t.Errorf("WithUnsafeHTML(%v): raw <kbd> in page = %v", unsafe, got)
		}
	}
}
