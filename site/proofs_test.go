package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/howserverswait/book/tangle/book"
	"golang.org/x/tools/txtar"
)

// TestProofsFold checks how the fixture's tests are drawn: a proof
// closed behind its summary line, the open demonstration open, a chunk
// only tests use folded, a helper block named by its helpers, the
// tests' anchors in place and the claims table linked to them.
func TestProofsFold(t *testing.T) {
	s, _ := buildFixture(t)
	page := string(s.Files["01-hello/index.html"])
	for _, want := range []string{
		`<details class="proof" id="code-7"><summary>Proof: TestShout — 9 lines</summary>`,
		`<details class="proof" id="code-8" open><summary>Proof: TestGreet — 6 lines</summary>`,
		`<details class="proof" id="code-9"><summary>Test code: ⟨want a greeting⟩ — 1 line</summary>`,
		`<details class="proof" id="code-10"><summary>Test helpers: greet — 2 lines</summary>`,
		`<span class="test-anchor" id="TestShout"></span>`,
		`<a class="claim-proof" href="#TestGreetEmpty"><code>TestGreetEmpty</code></a>`,
		`<span class="reading-time">5 min read</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("01-hello/index.html lacks %s", want)
		}
	}
	// The code that is not a test stays unfolded.
	if strings.Contains(page, `<details class="proof" id="code-1"`) {
		t.Error("hello.go, which is no test, is folded")
	}
	// On paper, proofs are sections the #show-proofs box shows.
	print := string(s.Files["01-hello/print.html"])
	for _, want := range []string{
		`<input type="checkbox" id="show-proofs">`,
		`<section class="proof" id="code-7"><p class="proof-summary">Proof: TestShout — 9 lines</p>`,
	} {
		if !strings.Contains(print, want) {
			t.Errorf("01-hello/print.html lacks %s", want)
		}
	}
	if !strings.Contains(string(s.Files["print.html"]), `<section class="proof" id="01-hello--code-7">`) {
		t.Error("print.html lacks the proof code-7, prefixed")
	}
}

// solutionNames are the fixture's names that only its solution defines.
var solutionNames = []string{"TestExerciseWhisper", "whisperSolution"}

// TestSolutionsLeftOut checks that the student's edition has no trace
// of the fixture's solution in any file, and the instructor's edition
// (WithSolutions) shows it.
func TestSolutionsLeftOut(t *testing.T) {
	s, _ := buildFixture(t)
	for p, data := range s.Files {
		for _, name := range append(solutionNames, "solutions_test.go") {
			if strings.Contains(string(data), name) {
				t.Errorf("%s holds %s, from the solution", p, name)
			}
		}
	}
	with, _ := buildFixture(t, WithSolutions(true))
	for _, p := range []string{"01-hello/index.html", "01-hello/files.html", "print.html", "assets/search-index.js"} {
		if !strings.Contains(string(with.Files[p]), "TestExerciseWhisper") {
			t.Errorf("the instructor's %s lacks the solution", p)
		}
	}
	if want := `<summary>Solution: TestExerciseWhisper — 13 lines</summary>`; !strings.Contains(string(with.Files["01-hello/index.html"]), want) {
		t.Errorf("the instructor's chapter lacks %s", want)
	}
}

// TestFigureNumbers checks that figures are numbered per chapter, by
// the chapter's directory number, with or without a title, and link
// to the full-size image.
func TestFigureNumbers(t *testing.T) {
	s, _ := buildFixture(t)
	for p, want := range map[string]string{
		// No title: a number all the same.
		"01-hello/index.html": `<figure class="figure" id="figure-1-1"><a class="full-size" href="../01-hello/greet.svg"><img src="../01-hello/greet.svg" alt="Who greets whom" loading="lazy"></a><figcaption><span class="figure-no">Figure 1.1</span></figcaption></figure>`,
		"02-world/index.html": `<figcaption><span class="figure-no">Figure 2.1</span> — The world answers</figcaption>`,
	} {
		if !strings.Contains(string(s.Files[p]), want) {
			t.Errorf("%s lacks %s", p, want)
		}
	}
}

// figureOfChapter2 finds the references to chapter 2's figures, which
// become chapter 7's.
var figureOfChapter2 = regexp.MustCompile(`Figure(\s+)2\.`)

// TestChapterNumbers checks that a chapter is numbered by its
// directory, not its place in the book: 07-x is 7 even as the second.
func TestChapterNumbers(t *testing.T) {
	root := fixtureBook(t)
	if err := os.Rename(filepath.Join(root, "chapters", "02-world"), filepath.Join(root, "chapters", "07-world")); err != nil {
		t.Fatal(err)
	}
	for _, md := range []string{"README.md", "01-hello/README.md", "07-world/README.md"} {
		p := filepath.Join(root, "chapters", md)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		data = []byte(strings.ReplaceAll(string(data), "02-world", "07-world"))
		data = figureOfChapter2.ReplaceAll(data, []byte("Figure${1}7."))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Build(root)
	if err != nil {
		t.Fatal(err)
	}
	page := string(s.Files["07-world/index.html"])
	for _, want := range []string{
		"<title>7 · World · A Fixture Book</title>",
		`<span class="chapter-no">7 ·</span> World`,
		`<figcaption><span class="figure-no">Figure 7.1</span>`,
		`<a class="figure-ref" href="#figure-7-1">Figure 7.1</a>`,
		`<li value="7" class="current">`,
		`<a class="prev" rel="prev" href="../01-hello/index.html">← 1 · Hello</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("07-world/index.html lacks %s", want)
		}
	}
	if want := `<li value="1"><a href="../01-hello/index.html">Hello</a></li>`; !strings.Contains(page, want) {
		t.Errorf("the sidebar lacks %s", want)
	}
}

// TestReadingTime checks the rule: prose words at 200 a minute, lines
// of code shown unfolded at 20 a minute, rounded up to 5 minutes;
// folded proofs and "How the tests work" not counted; an appendix
// timed apart.
func TestReadingTime(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) + "\n\n" }
	lines := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "var _ = %d\n", i)
		}
		return b.String()
	}
	text := "# Time\n\n" + words(1099) + // 1,100 words: 5.5 minutes
		"```go file=time.go\npackage time\n```\n\n" + // 1 line
		"```go display\n" + lines(60) + "```\n\n" + // 60 lines: 3 minutes
		"```go file=time_test.go\npackage time\n" + lines(499) + "```\n\n" + // folded: none
		"```go file=time_test.go open\n" + lines(40) + "```\n\n" + // open: 2 minutes
		"## How the tests work\n\n" + words(5000) // none
	for _, c := range []struct {
		text string
		want int
	}{
		{text, 15}, // 5.5 + 0.05 + 3 + 2 = 10.55, up to 15
		{strings.Replace(text, words(1099), words(899), 1), 10}, // 4.5 + 5.05
		{"# Short\n\nA few words.\n", 5},                        // never under 5
		// A long block counts the lines shown before its fold; the
		// appendix is timed apart, and the exercises after it are
		// the story's again: 1,000 words + 50 lines + 200 words.
		{"# Time\n\n" + words(999) +
			"```go file=time.go\npackage time\n" + lines(99) + "```\n\n" +
			"## Appendix: tools\n\n" + words(1998) +
			"## Exercises\n\n" + words(199), 10},
	} {
		ar := fmt.Sprintf("-- chapters/02-world/README.md --\n%s", c.text)
		root := fixtureBook(t, txtar.Parse([]byte(ar)))
		s, err := Build(root)
		if err != nil {
			t.Fatal(err)
		}
		got := regexp.MustCompile(`(\d+) min read`).FindStringSubmatch(string(s.Files["02-world/index.html"]))
		if got == nil || got[1] != fmt.Sprint(c.want) {
			t.Errorf("reading time %v, want %d min", got, c.want)
		}
		app := regexp.MustCompile(`its appendix: (\d+) min more`).FindStringSubmatch(string(s.Files["02-world/index.html"]))
		if hasApp := strings.Contains(c.text, "## Appendix"); hasApp != (app != nil) || hasApp && app[1] != "10" {
			t.Errorf("appendix reading time %v, want 10 min only where there is an appendix", app)
		}
	}
}

// TestRealBookHasNoSolutions builds the real book's student edition
// and searches every file for the names that only its solutions_test.go
// files define.
func TestRealBookHasNoSolutions(t *testing.T) {
	b, err := book.Load("..")
	if b == nil {
		t.Fatal(err)
	}
	names := solutionOnlyNames(b)
	if len(names) == 0 {
		t.Skip("the book has no solutions")
	}
	s, err := Build("..", WithKeepGoing(true))
	if s == nil {
		t.Fatal(err)
	}
	for p, data := range s.Files {
		for _, name := range names {
			if strings.Contains(string(data), name) {
				t.Errorf("%s holds %s, which only a solution defines", p, name)
			}
		}
	}
	t.Logf("%d files searched for %d names: %s", len(s.Files), len(names), strings.Join(names, " "))
}

// solutionOnlyNames lists the functions defined in blocks that are
// solutions and in no other block, and not named in the prose (an
// exercise names the function the student writes).
func solutionOnlyNames(b *book.Book) []string {
	decl := regexp.MustCompile(`^func\s+(?:\([^)]*\)\s*)?([A-Za-z_][A-Za-z0-9_]*)`)
	sol, other := map[string]bool{}, map[string]bool{}
	var prose strings.Builder
	for _, c := range b.Chapters {
		for n := c.Doc.FirstChild(); n != nil; n = n.NextSibling() {
			prose.WriteString(searchText(n, c.Source) + " ")
		}
		for _, blk := range c.Blocks {
			for _, l := range blk.Code {
				if m := decl.FindStringSubmatch(l.Text); m != nil {
					if c.IsSolution(blk) {
						sol[m[1]] = true
					} else {
						other[m[1]] = true
					}
				}
			}
		}
	}
	var names []string
	for n := range sol {
		// An all lower-case name could be an English word of a comment.
		if !other[n] && !strings.Contains(prose.String(), n) && strings.ToLower(n) != n {
			names = append(names, n)
		}
	}
	return names
}

// TestRealBookStoriesReadInAnHour holds every chapter of the book to
// the developers' guide's aim: a story that reads in an hour or less,
// by the README's rule (go run ./site -reading prints the figures).
func TestRealBookStoriesReadInAnHour(t *testing.T) {
	const most = 60
	s, err := Build("..", WithKeepGoing(true))
	if s == nil {
		t.Fatal(err)
	}
	if len(s.Reading) == 0 {
		t.Fatal("no chapter has a reading time")
	}
	for _, r := range s.Reading {
		t.Logf("%s: %d min (%d words, %d lines)", r.Slug, r.Minutes, r.Words, r.Lines)
		if r.Minutes > most {
			t.Errorf("%s's story reads in %d min, over %d: fold its plumbing or tighten its prose",
				r.Slug, r.Minutes, most)
		}
	}
}
