package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// editionFixture extracts testdata/edition.txtar into a new directory
// and returns it.
func editionFixture(t testing.TB) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/edition.txtar")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// fixtureTime is when the fixture's editions say they were made.
var fixtureTime = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// buildEPUB builds the EPUB of the book under root and opens it.
func buildEPUB(t testing.TB, root string, opts ...EditionOption) (*zip.Reader, []byte) {
	t.Helper()
	e, err := loadEdition(root, opts...)
	if err != nil {
		t.Fatalf("loadEdition: %v", err)
	}
	data, err := e.EPUB(fixtureTime)
	if err != nil {
		t.Fatalf("EPUB: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return zr, data
}

// zipFiles reads every entry of an archive by name.
func zipFiles(t testing.TB, zr *zip.Reader) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

// opf is the part of the package document the tests read.
type opf struct {
	Metadata struct {
		Identifier string `xml:"identifier"`
		Title      string `xml:"title"`
		Language   string `xml:"language"`
		Rights     string `xml:"rights"`
		Meta       []struct {
			Property string `xml:"property,attr"`
			Value    string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

// TestEPUBStructure checks the container rules readers and epubcheck
// rely on: mimetype first, stored, without extra fields; a container
// naming the package; a manifest listing every file and nothing else;
// a spine of manifest items; the metadata.
func TestEPUBStructure(t *testing.T) {
	zr, _ := buildEPUB(t, editionFixture(t))
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
		t.Errorf("first entry is %q (method %d, %d bytes of extra), want mimetype stored without extra fields",
			first.Name, first.Method, len(first.Extra))
	}
	files := zipFiles(t, zr)
	if got := string(files["mimetype"]); got != "application/epub+zip" {
		t.Errorf("mimetype holds %q", got)
	}
	if !bytes.Contains(files["META-INF/container.xml"], []byte(`full-path="EPUB/package.opf"`)) {
		t.Errorf("container.xml does not name EPUB/package.opf:\n%s", files["META-INF/container.xml"])
	}
	var pkg opf
	if err := xml.Unmarshal(files["EPUB/package.opf"], &pkg); err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	m := pkg.Metadata
	if m.Title != "Offline Fixture" || m.Language != "en" || !strings.HasPrefix(m.Identifier, "urn:uuid:") ||
		!strings.Contains(m.Rights, "CC BY 4.0") {
		t.Errorf("metadata: title %q, language %q, identifier %q, rights %q", m.Title, m.Language, m.Identifier, m.Rights)
	}
	modified := ""
	for _, meta := range m.Meta {
		if meta.Property == "dcterms:modified" {
			modified = meta.Value
		}
	}
	if modified != "2026-12-04T12:00:00Z" {
		t.Errorf("dcterms:modified is %q", modified)
	}
	listed := map[string]bool{}
	ids := map[string]bool{}
	nav := 0
	for _, it := range pkg.Items {
		listed["EPUB/"+it.Href] = true
		ids[it.ID] = true
		if it.Properties == "nav" {
			nav++
		}
		if want := mediaTypeOf(it.Href); it.MediaType != want {
			t.Errorf("%s has media type %q, want %q", it.Href, it.MediaType, want)
		}
		if files["EPUB/"+it.Href] == nil {
			t.Errorf("manifest lists %s, which the archive lacks", it.Href)
		}
	}
	if nav != 1 {
		t.Errorf("%d items have the nav property, want 1", nav)
	}
	for name := range files {
		if !listed[name] && name != "mimetype" && name != "META-INF/container.xml" && name != "EPUB/package.opf" {
			t.Errorf("the manifest does not list %s", name)
		}
	}
	for _, want := range []string{"EPUB/00-start.xhtml", "EPUB/01-wait.xhtml", "EPUB/00-start/loop.svg", "EPUB/licence.xhtml"} {
		if files[want] == nil {
			t.Errorf("no %s", want)
		}
	}
	var spine []string
	for _, s := range pkg.Spine {
		if !ids[s.IDRef] {
			t.Errorf("spine names %q, which the manifest lacks", s.IDRef)
		}
		spine = append(spine, s.IDRef)
	}
	if got := strings.Join(spine, " "); got != "front nav ch-00-start ch-01-wait licence" {
		t.Errorf("spine is %q", got)
	}
}

// mediaTypeOf is the media type a manifest item must have.
func mediaTypeOf(href string) string {
	switch path.Ext(href) {
	case ".xhtml":
		return "application/xhtml+xml"
	case ".css":
		return "text/css"
	case ".svg":
		return "image/svg+xml"
	}
	return "?"
}

var (
	xmlAttrURL = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	xmlAttrID  = regexp.MustCompile(`\sid="([^"]*)"`)
)

// checkEPUBLinks parses every XHTML document of an EPUB as strict XML
// and returns a problem for each one that is not well-formed and each
// internal link or image that does not resolve to a file and anchor.
func checkEPUBLinks(files map[string][]byte) []string {
	var problems []string
	ids := map[string]map[string]bool{}
	for name, data := range files {
		if path.Ext(name) != ".xhtml" {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict = true
		d.Entity = map[string]string{} // XML's five and no more
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				problems = append(problems, name+": not well-formed XML: "+err.Error())
				break
			}
		}
		ids[name] = map[string]bool{}
		for _, m := range xmlAttrID.FindAllSubmatch(data, -1) {
			ids[name][html.UnescapeString(string(m[1]))] = true
		}
	}
	for name, data := range files {
		if ids[name] == nil {
			continue
		}
		for _, m := range xmlAttrURL.FindAllSubmatch(data, -1) {
			raw := html.UnescapeString(string(m[1]))
			u, err := url.Parse(raw)
			switch {
			case err != nil:
				problems = append(problems, name+": "+raw+": "+err.Error())
				continue
			case u.Scheme != "":
				continue
			}
			target := name
			if u.Path != "" {
				target = path.Join(path.Dir(name), u.Path)
			}
			switch {
			case files[target] == nil:
				problems = append(problems, name+": "+raw+": no such file "+target)
			case u.Fragment != "" && !ids[target][u.Fragment]:
				problems = append(problems, name+": "+raw+": no anchor #"+u.Fragment+" in "+target)
			}
		}
	}
	sort.Strings(problems)
	return problems
}

// TestEPUBLinksResolve proves every document well-formed and every
// internal link and image in the EPUB resolved; the links the fixture
// makes to a left-out proof and to a tangled file lose their href.
func TestEPUBLinksResolve(t *testing.T) {
	zr, _ := buildEPUB(t, editionFixture(t))
	files := zipFiles(t, zr)
	for _, p := range checkEPUBLinks(files) {
		t.Error(p)
	}
	start := string(files["EPUB/00-start.xhtml"])
	for _, want := range []string{
		`href="01-wait.xhtml#patience"`, // a link to another chapter's section
		`<a>it</a>`,                     // to a left-out proof
		`<a>the file</a>`,               // to a file the editions do not carry
		`href="https://example.org/"`,
		`<img src="00-start/loop.svg" alt="A loop that waits" title="The loop &amp; its wait"/>`,
		`<figcaption>Figure 0.1 — The loop &amp; its wait</figcaption>`,
		`<span class="chapnum">Chapter 0</span> Starting out`,
		`style="text-align:center"`,
	} {
		if !strings.Contains(start, want) {
			t.Errorf("00-start.xhtml lacks %s", want)
		}
	}
	for _, bad := range []string{"<script", "<b>", `align="`} {
		if strings.Contains(start, bad) {
			t.Errorf("00-start.xhtml holds %s", bad)
		}
	}
	if wait := string(files["EPUB/01-wait.xhtml"]); !strings.Contains(wait, "Figure 1.1 — Shared with chapter 0") ||
		!strings.Contains(wait, `src="00-start/loop.svg"`) {
		t.Errorf("01-wait.xhtml does not number or share the figure:\n%s", wait)
	}
}

// TestLinkCheckerCatchesBrokenEPUBLinks feeds the checker documents
// with one fault of each kind, so a passing TestEPUBLinksResolve means
// something.
func TestLinkCheckerCatchesBrokenEPUBLinks(t *testing.T) {
	files := map[string][]byte{
		"EPUB/a.xhtml": []byte(`<html><body><a href="b.xhtml#nope">x</a><a href="gone.xhtml">y</a><img src="c.svg"/><a href="b.xhtml#here">ok</a></body></html>`),
		"EPUB/b.xhtml": []byte(`<html><body><p id="here">&nbsp;</p></body></html>`),
	}
	if got := checkEPUBLinks(files); len(got) != 4 {
		t.Errorf("found %d problems, want 4:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// editionText is every XHTML document of an EPUB as plain text: tags
// dropped, entities resolved, so that highlighted code reads as code.
func editionText(t testing.TB, files map[string][]byte) string {
	t.Helper()
	var b strings.Builder
	for name, data := range files {
		if path.Ext(name) == ".xhtml" {
			b.WriteString(html.UnescapeString(tags.ReplaceAllString(string(data), "")))
		}
	}
	return b.String()
}

var tags = regexp.MustCompile(`<[^>]*>`)

// TestEditionLeavesOutProofsAndSolutions checks the roles: the open
// proof is printed, the others are told in one line and printed only
// with WithProofs, and the solution is never printed.
func TestEditionLeavesOutProofsAndSolutions(t *testing.T) {
	root := editionFixture(t)
	for _, proofs := range []bool{false, true} {
		zr, _ := buildEPUB(t, root, WithProofs(proofs))
		files := zipFiles(t, zr)
		text := editionText(t, files)
		has := func(s string) bool { return strings.Contains(text, s) }
		if !has("func TestShownDemonstration(") || !has("if Loop() != 1 {") {
			t.Errorf("proofs=%v: the open proof or its chunk is missing", proofs)
		}
		if has("func SolvedOnlyHere(") || has("func TestExercise1(") || has("solutions_test.go") {
			t.Errorf("proofs=%v: the solution is printed", proofs)
		}
		if has("func TestHiddenProof(") != proofs || has("func TestSecondHiddenProof(") != proofs {
			t.Errorf("proofs=%v: the proofs printed: %v, %v", proofs, has("func TestHiddenProof("), has("func TestSecondHiddenProof("))
		}
		note := "Proof TestHiddenProof, TestSecondHiddenProof (6 lines of start_test.go), left out of this edition."
		if colophon := "This edition leaves out the proofs"; has(colophon) == proofs {
			t.Errorf("proofs=%v: the front page says %q: %v", proofs, colophon, has(colophon))
		}
		if has(note) == proofs {
			t.Errorf("proofs=%v: the note %q is there: %v", proofs, note, has(note))
		}
	}
}

// TestRealBookEditionsHaveNoSolutions builds the EPUB and the print
// document of the book in chapters/, with every proof, and finds none
// of the functions that only the chapters' solutions_test.go define.
func TestRealBookEditionsHaveNoSolutions(t *testing.T) {
	names := solutionOnlyFuncs(t, "../chapters")
	if len(names) == 0 {
		t.Skip("SKIP: no chapter has a solutions_test.go")
	}
	e, err := loadEdition("..", WithProofs(true))
	if err != nil {
		t.Skipf("SKIP: the real book does not load (make site reports why): %v", err)
	}
	data, err := e.EPUB(fixtureTime)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := zipFiles(t, zr)
	for _, p := range checkEPUBLinks(files) {
		t.Error(p)
	}
	doc, err := e.printDoc(e.title, append([]*edPage{e.front}, e.chapters...), true)
	if err != nil {
		t.Fatal(err)
	}
	files["print.xhtml"] = doc
	text := editionText(t, files)
	for _, name := range names {
		if definition(name).MatchString(text) {
			t.Errorf("the editions print %s, which only a solutions_test.go defines", name)
		}
	}
	t.Logf("checked %d functions of the solutions: %s", len(names), strings.Join(names, ", "))
}

// solutionOnlyFuncs lists the functions and methods defined in the
// chapters' solutions_test.go files and in no other file of theirs.
func solutionOnlyFuncs(t *testing.T, dir string) []string {
	t.Helper()
	sols, err := filepath.Glob(filepath.Join(dir, "*", "solutions_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sol := range sols {
		others, _ := filepath.Glob(filepath.Join(filepath.Dir(sol), "*.go"))
		elsewhere := map[string]bool{}
		for _, f := range others {
			if f != sol {
				for _, n := range funcNames(t, f) {
					elsewhere[n] = true
				}
			}
		}
		for _, n := range funcNames(t, sol) {
			if !elsewhere[n] {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// funcNames lists the functions a Go file declares: Name, or T.Name
// for a method of T.
func funcNames(t *testing.T, file string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		name := fn.Name.Name
		if fn.Recv != nil && len(fn.Recv.List) > 0 {
			typ := fn.Recv.List[0].Type
			if s, ok := typ.(*ast.StarExpr); ok {
				typ = s.X
			}
			if id, ok := typ.(*ast.Ident); ok {
				name = id.Name + "." + name
			}
		}
		names = append(names, name)
	}
	return names
}

// definition matches the declaration of a function or method named as
// funcNames names it, in plain text.
func definition(name string) *regexp.Regexp {
	if typ, method, ok := strings.Cut(name, "."); ok {
		return regexp.MustCompile(`func \(\w* ?\*?` + typ + `\) ` + method + `\(`)
	}
	return regexp.MustCompile(`func ` + name + `\(`)
}

// TestSiteRebuildKeepsEditions writes a site over a folder holding the
// editions and a page of an earlier build: the page goes, the editions
// that make pdf and make epub wrote stay.
func TestSiteRebuildKeepsEditions(t *testing.T) {
	dir := t.TempDir()
	if err := writeFiles(dir, map[string][]byte{
		"old.html": nil, epubName: []byte("epub"), pdfName: []byte("pdf"), pdfDir + "/00-start.pdf": []byte("pdf"),
	}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, markerName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := &Site{Files: map[string][]byte{"index.html": []byte("<p>new</p>")}}
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"index.html": true, "old.html": false, epubName: true, pdfName: true, pdfDir + "/00-start.pdf": true} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); (err == nil) != want {
			t.Errorf("%s: exists is %v, want %v", name, err == nil, want)
		}
	}
}
