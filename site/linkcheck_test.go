package main

import (
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	attrURL = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	attrID  = regexp.MustCompile(`\sid="([^"]*)"`)
)

// checkLinks walks a built site in dir and returns a problem for each
// internal link or image whose file or anchor does not exist, and for
// each link that would break under a sub-path or from file://
// (absolute paths, bare directories).
func checkLinks(dir string) ([]string, int, error) {
	pages := map[string]string{}
	exists := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		exists[rel] = true
		if strings.HasSuffix(rel, ".html") {
			data, err := os.ReadFile(p)
			pages[rel] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	ids := map[string]map[string]bool{}
	for p, text := range pages {
		ids[p] = map[string]bool{}
		for _, m := range attrID.FindAllStringSubmatch(text, -1) {
			ids[p][html.UnescapeString(m[1])] = true
		}
	}
	var problems []string
	checked := 0
	for p, text := range pages {
		for _, m := range attrURL.FindAllStringSubmatch(text, -1) {
			raw := html.UnescapeString(m[1])
			if strings.HasPrefix(raw, "/_live/") {
				continue // the live server's own script
			}
			if msg := checkLink(p, raw, exists, ids); msg != "" {
				problems = append(problems, p+": "+raw+": "+msg)
			}
			checked++
		}
	}
	return problems, checked, nil
}

// checkLink checks one link found on page p; "" means it resolves.
func checkLink(p, raw string, exists map[string]bool, ids map[string]map[string]bool) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return err.Error()
	case u.Scheme != "" || u.Host != "":
		return "" // another site
	case strings.HasPrefix(u.Path, "/"):
		return "absolute path: breaks under a sub-path and from file://"
	case strings.HasSuffix(u.Path, "/") || (u.Path != "" && path.Ext(u.Path) == ""):
		return "links to a directory: breaks from file://"
	}
	target := p
	if u.Path != "" {
		target = path.Join(path.Dir(p), u.Path)
	}
	if editionFile(target) {
		return "" // written by make pdf and make epub, not by the site
	}
	if strings.HasPrefix(target, "../") || !exists[target] {
		return "no such file " + target
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
		return "no anchor #" + u.Fragment + " in " + target
	}
	return ""
}

// TestLinksResolve builds the fixture book and proves that every
// internal link and anchor in the written site resolves.
func TestLinksResolve(t *testing.T) {
	s, _ := buildFixture(t)
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	problems, checked, err := checkLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	if checked < 100 {
		t.Errorf("checked only %d links; the walk missed pages", checked)
	}
	t.Logf("%d links checked", checked)
}

// TestLinkCheckerCatchesBrokenLinks feeds the checker a site with one
// broken link of each kind, so a passing TestLinksResolve means
// something.
func TestLinkCheckerCatchesBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	page := `<a href="missing.html">x</a><a href="b.html#nope">y</a><a href="/abs.html">z</a>` +
		`<a href="sub/">d</a><img src="gone.svg"><a href="b.html#here">ok</a><a href="https://example.org/">ok</a>`
	for name, text := range map[string]string{"a.html": page, "b.html": `<p id="here"></p>`} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	problems, _, err := checkLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 5 {
		t.Errorf("found %d problems, want 5:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

// TestRealBookLinksResolve builds the book in chapters/ (keeping going
// past errors, which chapters being written may have) and checks its
// links. Errors in the chapters are reported by make site, not here.
func TestRealBookLinksResolve(t *testing.T) {
	s, err := Build("..", WithKeepGoing(true))
	if s == nil {
		t.Skipf("SKIP: the real book does not load: %v", err)
	}
	if err != nil {
		t.Logf("the book has errors (make site fails on them):\n%v", err)
	}
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	problems, checked, err := checkLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d links checked", checked)
}
