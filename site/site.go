package main

import (
	"fmt"
	"sort"
	"sync"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
)

// A site is the book being rendered and what every page needs from it.
type site struct {
	cfg      *config
	book     *book.Book
	root     string                  // the repository root, as an OS path
	chapters map[string]*chapterInfo // by slug
	list     []*chapterInfo          // in book order
	front    *lineIndex
	frontIDs map[string]bool
	idents   *identIndex

	mu       sync.Mutex
	errs     book.Errors
	assets   map[string]string   // site path -> OS path of a copied file
	navCache map[string][]string // sidebar entries by page root

	highlighted sync.Map // highlightKey -> []template.HTML
}

// chapterInfo is what the site derives from one chapter.
type chapterInfo struct {
	ch          *book.Chapter
	num         int             // position in the book, from 0
	no          int             // its number: the directory's NN
	minutes     int             // reading time of its story
	appendix    int             // reading time of its appendix, or 0
	words       int             // prose words in its story
	shown       int             // lines of code its story shows unfolded
	outputs     []*book.Output  // the files tangle makes from it
	ids         map[string]bool // every anchor its page defines
	sections    []section       // its h2 and h3 headings
	blockOf     map[*ast.FencedCodeBlock]*book.Block
	lines       map[int]*book.Block // Markdown line -> block holding it
	files       map[string]*book.File
	outFile     map[string]*book.Output // by path relative to the chapter
	solutionOut map[string]bool         // files the student's edition leaves out
	roles       blockRoles
	claims      map[*ast.CodeSpan]testDef // claims table cells -> tests
	figures     map[*ast.Image]int        // figure numbers, from 1
}

// A section is a heading that the sidebar and search list.
type section struct {
	Level int
	ID    string
	Title string
	Line  int // in the Markdown
}

func newSite(b *book.Book, outputs [][]*book.Output, cfg *config) *site {
	s := &site{
		cfg:      cfg,
		book:     b,
		root:     b.Root,
		chapters: map[string]*chapterInfo{},
		assets:   map[string]string{},
	}
	if b.Front != nil {
		s.front = newLineIndex(b.Front.Source)
		s.frontIDs = map[string]bool{}
		for _, sec := range headings(b.Front.Doc, b.Front.Source) {
			s.frontIDs[sec.ID] = true
		}
	}
	for i, c := range b.Chapters {
		var outs []*book.Output
		if i < len(outputs) {
			outs = outputs[i]
		}
		ci := s.describe(c, i, outs)
		s.chapters[c.Slug()] = ci
		s.list = append(s.list, ci)
	}
	s.numberFrontLists()
	return s
}

// describe indexes a chapter's anchors, blocks and files.
func (s *site) describe(c *book.Chapter, num int, outs []*book.Output) *chapterInfo {
	ci := &chapterInfo{
		ch:          c,
		num:         num,
		no:          chapterNumber(c, num),
		outputs:     outs,
		ids:         map[string]bool{},
		blockOf:     map[*ast.FencedCodeBlock]*book.Block{},
		lines:       map[int]*book.Block{},
		files:       map[string]*book.File{},
		outFile:     map[string]*book.Output{},
		solutionOut: map[string]bool{},
	}
	all := headings(c.Doc, c.Source)
	for _, sec := range all {
		ci.ids[sec.ID] = true
		if sec.Level == 2 || sec.Level == 3 {
			ci.sections = append(ci.sections, sec)
		}
	}
	for _, f := range c.Files {
		ci.files[f.Path] = f
	}
	ci.roles = findRoles(c, all)
	hidden := func(b *book.Block) bool { return ci.roles.solution[b] && !s.cfg.solutions }
	for _, b := range c.Blocks {
		if ci.ids[b.ID()] {
			s.errorf(c.Path, b.Line, "a heading's anchor #%s is also the anchor of code block %d; rename the heading", b.ID(), b.Index+1)
		}
		ci.blockOf[b.Node] = b
		if hidden(b) {
			continue // the student's edition has no anchor in a solution
		}
		ci.ids[b.ID()] = true
		for _, l := range b.Code {
			ci.lines[l.Num] = b
			if b.Tangled() {
				ci.ids[lineID(l.Num)] = true
			}
		}
	}
	for _, o := range outs {
		if len(o.File.Blocks) > 0 && hidden(o.File.Blocks[0]) {
			ci.solutionOut[o.File.Path] = true
			continue
		}
		ci.outFile[o.File.Path] = o
	}
	for name, d := range ci.roles.testAt {
		if ci.ids[name] {
			s.errorf(c.Path, d.Line, "test %s has the name of another anchor of the chapter; rename one", name)
			delete(ci.roles.testAt, name)
			continue
		}
		ci.ids[name] = true
	}
	ci.figures = figureNumbers(c.Doc)
	for i := 1; i <= len(ci.figures); i++ {
		ci.ids[figureID(ci.no, i)] = true
	}
	ci.claims = s.claimLinks(ci, newLineIndex(c.Source))
	ci.minutes, ci.appendix, ci.words, ci.shown = readingMinutes(ci)
	return ci
}

// headings lists a document's headings with their automatic IDs.
func headings(doc ast.Node, src []byte) []section {
	var out []section
	lines := newLineIndex(src)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		line := 0
		if h.Lines().Len() > 0 {
			line = lines.line(h.Lines().At(0).Start)
		}
		out = append(out, section{Level: h.Level, ID: string(idb), Title: book.PlainText(h, src), Line: line})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// lineID is the anchor of a tangled code line: its Markdown line.
func lineID(n int) string { return fmt.Sprintf("L%d", n) }

// errorf records a problem at path:line.
func (s *site) errorf(path string, line int, format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs.Add(path, line, format, args...)
}

// addErrors records a list of problems.
func (s *site) addErrors(errs book.Errors) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs = append(s.errs, errs...)
}

// addAsset records a file to copy into the site.
func (s *site) addAsset(sitePath, osPath string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.assets[sitePath] = osPath
}

// ordered returns the chapters' infos in book order.
func (s *site) ordered() []*chapterInfo { return s.list }

// A lineIndex maps byte offsets of a source to line numbers.
type lineIndex struct{ starts []int }

func newLineIndex(src []byte) *lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{starts}
}

// line returns the 1-based line holding offset.
func (x *lineIndex) line(offset int) int {
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset })
}
