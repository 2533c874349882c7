package main

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// A testDef is a test function a block defines, and its line.
type testDef struct {
	Name  string
	Line  int // the Markdown line of its func
	Block *book.Block
}

// blockRoles is what the site works out about a chapter's blocks:
// which are proofs and solutions, and what each defines.
type blockRoles struct {
	proof    map[*book.Block]bool
	solution map[*book.Block]bool
	other    map[*book.Block]bool      // code for other systems only, folded
	tests    map[*book.Block][]testDef // the tests each block defines
	helpers  map[*book.Block][]string  // its other top-level names
	testAt   map[string]testDef        // first definition of each test
	section  map[*book.Block]section   // the h2 or h3 a block sits under
}

var (
	testFunc = regexp.MustCompile(`^func\s+((?:Test|Benchmark|Fuzz|Example)[A-Za-z0-9_]*)\s*[\[(]`)
	topDecl  = regexp.MustCompile(`^(?:func\s+(?:\([^)]*\)\s*)?|type\s+|var\s+|const\s+)([A-Za-z_][A-Za-z0-9_]*)`)
	// groupOpen and groupName find the names of a const, var or type
	// group: "const (" then one tab-indented name a line.
	groupOpen = regexp.MustCompile(`^(?:const|var|type)\s*\($`)
	groupName = regexp.MustCompile(`^\t([A-Za-z_][A-Za-z0-9_]*)\b`)
)

// isTestName reports names that go test runs: TestX, BenchmarkX,
// FuzzX and ExampleX (X not lower case).
func isTestName(name string) bool {
	for _, p := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest == "" || !('a' <= rest[0] && rest[0] <= 'z')
		}
	}
	return false
}

// findRoles classifies a chapter's blocks and finds what they define:
// a scan of the lines that start a top-level declaration (a block is
// often a fragment, which go/parser would refuse).
func findRoles(c *book.Chapter, sections []section) blockRoles {
	r := blockRoles{
		proof:    map[*book.Block]bool{},
		solution: map[*book.Block]bool{},
		other:    map[*book.Block]bool{},
		tests:    map[*book.Block][]testDef{},
		helpers:  map[*book.Block][]string{},
		testAt:   map[string]testDef{},
		section:  map[*book.Block]section{},
	}
	for _, b := range c.Blocks {
		r.proof[b] = c.IsProof(b)
		r.solution[b] = c.IsSolution(b)
		r.other[b] = !r.proof[b] && c.IsOtherSystems(b)
		if s, ok := sectionAt(sections, b.Line); ok {
			r.section[b] = s
		}
		if b.Lang != "go" || !b.Tangled() {
			continue
		}
		group := false
		for _, l := range b.Code {
			switch {
			case groupOpen.MatchString(l.Text):
				group = true
				continue
			case group && l.Text == ")":
				group = false
				continue
			case group:
				if m := groupName.FindStringSubmatch(l.Text); m != nil && m[1] != "_" {
					r.helpers[b] = append(r.helpers[b], m[1])
				}
				continue
			}
			if m := testFunc.FindStringSubmatch(l.Text); m != nil && isTestName(m[1]) {
				d := testDef{Name: m[1], Line: l.Num, Block: b}
				r.tests[b] = append(r.tests[b], d)
				if _, dup := r.testAt[d.Name]; !dup && !r.solution[b] {
					r.testAt[d.Name] = d
				}
				continue
			}
			if m := topDecl.FindStringSubmatch(l.Text); m != nil && m[1] != "_" {
				r.helpers[b] = append(r.helpers[b], m[1])
			}
		}
	}
	return r
}

// sectionAt is the last h2 or h3 that starts before a Markdown line.
func sectionAt(sections []section, line int) (section, bool) {
	var best section
	ok := false
	for _, s := range sections {
		if s.Line <= line && (s.Level == 2 || s.Level == 3) {
			best, ok = s, true
		}
	}
	return best, ok
}

// chapterNumber is the number the book gives a chapter: its
// directory's NN (02-nonblocking is chapter 2), or its position in the
// book when the directory has no number.
func chapterNumber(c *book.Chapter, position int) int {
	slug := c.Slug()
	i := 0
	for i < len(slug) && '0' <= slug[i] && slug[i] <= '9' {
		i++
	}
	if i == 0 || i == len(slug) || slug[i] != '-' {
		return position
	}
	n, err := strconv.Atoi(slug[:i])
	if err != nil {
		return position
	}
	return n
}

// claimsTitle is the heading of the section whose table links each
// claim to the test that proves it.
const claimsTitle = "What this chapter shows"

// testsTitle is the closing section about the tests' method, which the
// reading time leaves out.
const testsTitle = "How the tests work"

// claimLinks finds the claims table (the first table of the section
// "What this chapter shows") and maps each code span of its Proof
// column that names a test to that test; a name no test of the chapter
// defines is reported at its line.
func (s *site) claimLinks(ci *chapterInfo, lines *lineIndex) map[*ast.CodeSpan]testDef {
	c := ci.ch
	out := map[*ast.CodeSpan]testDef{}
	var table *east.Table
	in := false
	for n := c.Doc.FirstChild(); n != nil && table == nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if h.Level <= 2 {
				in = h.Level == 2 && book.PlainText(h, c.Source) == claimsTitle
			}
			continue
		}
		if t, ok := n.(*east.Table); ok && in {
			table = t
		}
	}
	if table == nil {
		return out
	}
	col := -1
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		i := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if _, head := row.(*east.TableHeader); head {
				if book.PlainText(cell, c.Source) == "Proof" {
					col = i
				}
			} else if i == col {
				s.claimCell(ci, lines, cell, out)
			}
			i++
		}
	}
	return out
}

// claimCell links the test names in one Proof cell of a claims table.
func (s *site) claimCell(ci *chapterInfo, lines *lineIndex, cell ast.Node, out map[*ast.CodeSpan]testDef) {
	src := ci.ch.Source
	for n := cell.FirstChild(); n != nil; n = n.NextSibling() {
		span, ok := n.(*ast.CodeSpan)
		if !ok || span.FirstChild() == nil {
			continue
		}
		name := book.PlainText(span, src)
		name, _, _ = strings.Cut(name, "/") // TestFoo/subtest
		if !isTestName(name) {
			continue
		}
		if d, ok := ci.roles.testAt[name]; ok {
			out[span] = d
			continue
		}
		line := 0
		if t, ok := span.FirstChild().(*ast.Text); ok {
			line = lines.line(t.Segment.Start)
		}
		s.errorf(ci.ch.Path, line, "claims table names %s, which no test in the chapter defines", name)
	}
}

// Reading speeds of the reading-time rule (README: The site).
const (
	proseWordsPerMinute = 200
	codeLinesPerMinute  = 20
)

// readingMinutes is how long a chapter's story takes to read, and its
// appendix if it has one, with the story's words and lines of code:
// prose words at 200 a minute plus the lines of code shown unfolded at
// 20 a minute (a long block's first longBlockShown), each rounded up
// to 5 minutes. Folded proofs, solutions, code for other systems,
// blocks marked fold and the section "How the tests work" are not
// counted. The story ends at a heading "## Appendix…" and takes up
// again at "## Exercises".
func readingMinutes(ci *chapterInfo) (story, appendix, words, lines int) {
	c := ci.ch
	var w, l [2]int // story, appendix
	part, skip := 0, false
	for n := c.Doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level <= 2 {
				title := book.PlainText(n, c.Source)
				switch {
				case n.Level == 2 && strings.HasPrefix(title, "Appendix"):
					part = 1
				case n.Level == 2 && title == "Exercises":
					part = 0
				}
				skip = n.Level == 2 && title == testsTitle
			}
			if !skip {
				w[part] += len(strings.Fields(book.PlainText(n, c.Source)))
			}
		case *ast.FencedCodeBlock:
			b := ci.blockOf[n]
			if skip || b == nil || ci.roles.solution[b] || ci.roles.other[b] || b.Fold ||
				ci.roles.proof[b] && !b.Open {
				continue
			}
			l[part] += shownLines(len(b.Code))
		default:
			if !skip {
				w[part] += len(strings.Fields(searchText(n, c.Source)))
			}
		}
	}
	at := func(i int) int {
		m := float64(w[i])/proseWordsPerMinute + float64(l[i])/codeLinesPerMinute
		return int(math.Ceil(m/5)) * 5
	}
	return max(5, at(0)), at(1), w[0], l[0]
}

// shownLines is how many of a block's n lines a chapter page shows
// before folding the rest.
func shownLines(n int) int {
	if n > longBlock {
		return longBlockShown
	}
	return n
}
