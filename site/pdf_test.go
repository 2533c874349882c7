package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// needTools skips the test, saying which is missing, unless every
// named program is installed; on CI (where .ci/run installs them) it
// fails instead.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	var missing []string
	for _, n := range names {
		if n == "chromium" {
			if _, err := findChromium(); err != nil {
				missing = append(missing, "chromium (apt-get install chromium)")
			}
			continue
		}
		if _, err := exec.LookPath(n); err != nil {
			missing = append(missing, n+" (apt-get install "+debianPackage[n]+")")
		}
	}
	switch {
	case len(missing) == 0:
	case os.Getenv("CI") != "":
		t.Fatalf("not installed on CI: %s; .ci/run installs them", strings.Join(missing, ", "))
	default:
		t.Skipf("SKIP: not installed: %s", strings.Join(missing, ", "))
	}
}

// debianPackage names the package that installs a program.
var debianPackage = map[string]string{
	"pdfinfo":   "poppler-utils",
	"pdftotext": "poppler-utils",
	"epubcheck": "epubcheck",
	"java":      "default-jre-headless",
}

// TestPDFOfFixtureBook prints the fixture book and each of its
// chapters, then reads the PDFs back with poppler-utils: the page
// count, each chapter's title and figure in the text, page numbers,
// code wrapped rather than cut, no solution, and an outline entry for
// every chapter and section.
func TestPDFOfFixtureBook(t *testing.T) {
	needTools(t, "chromium", "pdfinfo", "pdftotext")
	e, err := loadEdition(editionFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	pdfs, err := e.PDFs(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("printed %d PDFs in %v", len(pdfs), time.Since(start).Round(time.Millisecond))
	dir := t.TempDir()
	if err := writeFiles(dir, pdfs); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, pdfName)
	// The front page, two chapters and the licence each start a page.
	if n := pdfPages(t, book); n < 4 || n > 12 {
		t.Errorf("the book has %d pages, want 4 to 12", n)
	}
	text := pdfText(t, book)
	for _, want := range []string{
		"Offline Fixture", "Starting out", "Waiting well", "Licence",
		"Figure 0.1 — The loop & its wait", "Figure 1.1 — Shared with chapter 0",
		"func TestShownDemonstration(",
		"margin of a printed page.", // the long comment wraps
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the book's text lacks %q", want)
		}
	}
	// Chromium shrinks a page whose content is too wide, so a line of
	// code that does not wrap shows as a small page, not a cut line:
	// the long comment must end on a lower line than it starts.
	if y := wordTops(t, book, "comment", "printed"); len(y) != 2 || y[0] >= y[1] {
		t.Errorf("the long line of code did not wrap: its words' tops are %v", y)
	}
	pages := pdfPages(t, book)
	if footer := fmt.Sprintf(`(?m)^2 ?/ ?%d$`, pages); !regexp.MustCompile(footer).MatchString(text) {
		t.Errorf("no page number 2 / %d in a footer", pages)
	}
	for _, bad := range []string{"SolvedOnlyHere", "func TestHiddenProof(", "alert("} {
		if strings.Contains(text, bad) {
			t.Errorf("the book's text holds %q", bad)
		}
	}
	outline, err := pdfOutline(readFile(t, book))
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(outline, "\n")
	for _, want := range []string{"Chapter 0 Starting out", "  The loop", "Chapter 1 Waiting well", "  Patience", "Licence"} {
		if !strings.Contains("\n"+joined+"\n", "\n"+want+"\n") {
			t.Errorf("the outline lacks %q:\n%s", want, joined)
		}
	}
	for _, p := range e.chapters {
		f := filepath.Join(dir, pdfDir, p.slug+".pdf")
		if n := pdfPages(t, f); n < 1 {
			t.Errorf("%s has %d pages", f, n)
		}
		if text := pdfText(t, f); !strings.Contains(text, p.title) || strings.Contains(text, "Licence") {
			t.Errorf("%s does not hold its chapter alone:\n%s", f, text)
		}
	}
}

// pdfPages is the page count pdfinfo reports.
func pdfPages(t *testing.T, file string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", file, err, out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s says no page count:\n%s", file, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

var bboxWord = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>`)

// wordTops returns the top (yMin, from pdftotext -bbox) of the first
// occurrence of each word on the page where the first one is found.
func wordTops(t *testing.T, file string, words ...string) []float64 {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", file, err)
	}
	for _, page := range bytes.Split(out, []byte("<page ")) {
		var tops []float64
		for _, w := range words {
			for _, m := range bboxWord.FindAllSubmatch(page, -1) {
				if string(m[2]) == w {
					y, _ := strconv.ParseFloat(string(m[1]), 64)
					tops = append(tops, y)
					break
				}
			}
		}
		if len(tops) > 0 {
			return tops
		}
	}
	return nil
}

// pdfText is the text pdftotext finds in a PDF.
func pdfText(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	return string(out)
}

func readFile(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var (
	pdfObject     = regexp.MustCompile(`(?s)(?:^|[\r\n])(\d+) 0 obj\b(.*?)endobj`)
	pdfOutlineRef = regexp.MustCompile(`/Outlines (\d+) 0 R`)
)

// pdfOutline reads a PDF's outline (its bookmarks), one title a line,
// indented two spaces a level. Neither pdfinfo nor pdftotext lists
// them; Chromium writes them as plain objects (PDF 1.4, no object
// streams), so following /First and /Next from /Outlines is enough.
func pdfOutline(data []byte) ([]string, error) {
	objs := map[string][]byte{}
	for _, m := range pdfObject.FindAllSubmatch(data, -1) {
		objs[string(m[1])] = m[2]
	}
	m := pdfOutlineRef.FindSubmatch(data)
	if m == nil {
		return nil, errors.New("the PDF has no /Outlines")
	}
	var out []string
	var walk func(ref string, depth int) error
	walk = func(ref string, depth int) error {
		for ref != "" && depth < 10 {
			obj, ok := objs[ref]
			if !ok {
				return fmt.Errorf("outline object %s not found", ref)
			}
			title, err := pdfTitle(obj)
			if err != nil {
				return fmt.Errorf("outline object %s: %v", ref, err)
			}
			out = append(out, strings.Repeat("  ", depth)+title)
			if err := walk(pdfRef(obj, "/First"), depth+1); err != nil {
				return err
			}
			ref = pdfRef(obj, "/Next")
		}
		return nil
	}
	root := objs[string(m[1])]
	if root == nil {
		return nil, errors.New("the /Outlines object is missing")
	}
	err := walk(pdfRef(root, "/First"), 0)
	return out, err
}

// pdfRef returns the object number a dictionary's key refers to.
func pdfRef(obj []byte, key string) string {
	m := regexp.MustCompile(regexp.QuoteMeta(key) + `\s+(\d+) 0 R`).FindSubmatch(obj)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// pdfTitle decodes a dictionary's /Title: a literal string with its
// escapes, or a hex string; UTF-16 when it starts with a byte-order
// mark.
func pdfTitle(obj []byte) (string, error) {
	i := bytes.Index(obj, []byte("/Title"))
	if i < 0 {
		return "", errors.New("no /Title")
	}
	s := bytes.TrimLeft(obj[i+len("/Title"):], " \r\n\t")
	var raw []byte
	switch {
	case len(s) > 0 && s[0] == '<':
		end := bytes.IndexByte(s, '>')
		if end < 0 {
			return "", errors.New("unterminated hex string")
		}
		hex := bytes.Join(bytes.Fields(s[1:end]), nil)
		for j := 0; j+1 < len(hex); j += 2 {
			v, err := strconv.ParseUint(string(hex[j:j+2]), 16, 8)
			if err != nil {
				return "", err
			}
			raw = append(raw, byte(v))
		}
	case len(s) > 0 && s[0] == '(':
		depth := 0
		for j := 0; j < len(s); j++ {
			c := s[j]
			switch {
			case c == '\\' && j+1 < len(s):
				j++
				switch e := s[j]; {
				case e >= '0' && e <= '7':
					k := j
					for k < len(s) && k < j+3 && s[k] >= '0' && s[k] <= '7' {
						k++
					}
					v, _ := strconv.ParseUint(string(s[j:k]), 8, 8)
					raw = append(raw, byte(v))
					j = k - 1
				case e == 'n':
					raw = append(raw, '\n')
				case e == 'r':
					raw = append(raw, '\r')
				case e == 't':
					raw = append(raw, '\t')
				default:
					raw = append(raw, e)
				}
				continue
			case c == '(':
				depth++
				if depth == 1 {
					continue
				}
			case c == ')':
				depth--
				if depth == 0 {
					return decodePDFText(raw), nil
				}
			}
			raw = append(raw, c)
		}
		return "", errors.New("unterminated string")
	default:
		return "", errors.New("/Title is not a string")
	}
	return decodePDFText(raw), nil
}

// decodePDFText decodes a PDF text string: UTF-16BE after a byte-order
// mark, else bytes as Latin-1 (close enough to PDFDocEncoding here).
func decodePDFText(b []byte) string {
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		var u []uint16
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// TestPDFOutlineReader reads the outline of a hand-written PDF, so a
// passing TestPDFOfFixtureBook means the reader does read outlines.
func TestPDFOutlineReader(t *testing.T) {
	pdf := "%PDF-1.4\n1 0 obj\n<</Type /Catalog /Outlines 2 0 R>>\nendobj\n" +
		"2 0 obj\n<</Type /Outlines /First 3 0 R /Count 3>>\nendobj\n" +
		"3 0 obj\n<</Title (Chapter \\(1\\)) /First 5 0 R /Next 4 0 R>>\nendobj\n" +
		"4 0 obj\n<</Title <FEFF00E9007400E9>>>\nendobj\n" +
		"5 0 obj\n<</Title (Caf\\351)>>\nendobj\n"
	got, err := pdfOutline([]byte(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Chapter (1)\n  Café\nété"; strings.Join(got, "\n") != want {
		t.Errorf("outline is %q, want %q", strings.Join(got, "\n"), want)
	}
	if _, err := pdfOutline([]byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")); err == nil {
		t.Error("a PDF without an outline gave no error")
	}
}

// TestPDFWithoutChromium runs the command with no browser in PATH: one
// line naming what to install, an error (exit 1), and nothing written,
// not even the EPUB asked for with it.
func TestPDFWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := filepath.Join(t.TempDir(), "out")
	var stdout bytes.Buffer
	err := run([]string{"-o", dir, "-epub", "-pdf"}, &stdout)
	if err == nil || err.Error() != errNoChromium.Error() || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error is %v, want the one line %q", err, errNoChromium)
	}
	if !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("the error does not say what to install: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		entries, _ := os.ReadDir(dir)
		t.Errorf("the failed run wrote %s (%d entries)", dir, len(entries))
	}
}

// TestEpubcheck runs the W3C's epubcheck (Debian's epubcheck) on the
// fixture's EPUB, with every proof and without: no errors, no warnings.
func TestEpubcheck(t *testing.T) {
	cmd := epubcheckCommand(t)
	root := editionFixture(t)
	for _, proofs := range []bool{false} { // true takes as long again
		_, data := buildEPUB(t, root, WithProofs(proofs))
		file := filepath.Join(t.TempDir(), "book.epub")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c := exec.Command(cmd[0], append(cmd[1:], file)...)
		out, err := c.CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("No errors or warnings detected")) {
			t.Errorf("proofs=%v: epubcheck: %v\n%s", proofs, err, out)
		}
	}
}

// epubcheckCommand is how to run epubcheck: Debian installs it as an
// executable jar, which runs without binfmt support as java -jar.
func epubcheckCommand(t *testing.T) []string {
	needTools(t, "epubcheck")
	p, _ := exec.LookPath("epubcheck")
	real, err := filepath.EvalSymlinks(p)
	if err != nil || !strings.HasSuffix(real, ".jar") {
		return []string{p}
	}
	needTools(t, "java")
	return []string{"java", "-jar", real}
}

// TestBuiltEditions checks the real book's editions once make pdf and
// make epub have written them (CI runs it: .ci/run sets
// BOOK_EDITIONS=public): epubcheck passes the EPUB; each PDF has pages,
// its chapters' titles in its text and in its outline.
func TestBuiltEditions(t *testing.T) {
	dir := os.Getenv("BOOK_EDITIONS")
	if dir == "" {
		t.Skip("SKIP: BOOK_EDITIONS is not set; run make pdf epub, then BOOK_EDITIONS=public go test ./site -run BuiltEditions")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir)
	}
	e, err := loadEdition("..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := epubcheckCommand(t)
	out, err := exec.Command(cmd[0], append(cmd[1:], filepath.Join(dir, epubName))...).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No errors or warnings detected")) {
		t.Errorf("epubcheck: %v\n%s", err, out)
	}
	t.Logf("epubcheck %s:\n%s", epubName, out)
	needTools(t, "pdfinfo", "pdftotext")
	check := func(file string, pages []*edPage) {
		n := pdfPages(t, file)
		if n < len(pages) {
			t.Errorf("%s has %d pages for %d chapters", file, n, len(pages))
		}
		text := strings.Join(strings.Fields(pdfText(t, file)), " ")
		outline, err := pdfOutline(readFile(t, file))
		if err != nil {
			t.Errorf("%s: %v", file, err)
		}
		entries := map[string]bool{}
		for _, o := range outline {
			entries[o] = true
		}
		for _, p := range pages {
			title := strings.Join(strings.Fields(p.title), " ")
			if !strings.Contains(text, title) {
				t.Errorf("%s: no %q in its text", file, title)
			}
			if want := p.chapterLabel() + " " + title; !entries[want] {
				t.Errorf("%s: no outline entry %q", file, want)
			}
		}
		t.Logf("%s: %d pages, %d outline entries", file, n, len(outline))
	}
	check(filepath.Join(dir, pdfName), e.chapters)
	for _, p := range e.chapters {
		check(filepath.Join(dir, pdfDir, p.slug+".pdf"), []*edPage{p})
	}
}
