package main

import (
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
)

// An edition is the book made to be read offline, as an EPUB or a PDF:
// the chapters rendered to XHTML, without the proofs (unless asked
// for) and always without the exercises' solutions. It is built from
// the same chapter model as the site, so it never differs from what
// compiles.
type edition struct {
	book     *book.Book
	root     string
	title    string
	proofs   bool // keep every proof, not only the open demonstrations
	front    *edPage
	chapters []*edPage
	bySlug   map[string]*edPage
	images   map[string]string // edition path (NN-slug/x.svg) -> OS path
	errs     book.Errors
}

// An edPage is the front page or a chapter, with what the editions
// need to know about it before rendering any of it.
type edPage struct {
	slug    string // the chapter's directory name; "front" for the front page
	num     int    // the chapter's number, from its directory name
	title   string
	path    string // the Markdown, a slash path from the root
	src     []byte
	doc     ast.Node
	ch      *book.Chapter // nil for the front page
	lineOf  func(offset int) int
	ids     map[string]bool    // anchors the page keeps
	figures map[*ast.Image]int // figure numbers, from 1
	blocks  map[*ast.FencedCodeBlock]*book.Block
	omitted map[*book.Block]*omission // proofs left out, at the first of a run
	skip    map[*book.Block]bool      // blocks left out silently
	toc     []edHeading               // h2 headings, for the navigation
}

// An edHeading is a heading with its automatic anchor.
type edHeading struct {
	level     int
	id, title string
}

// edHeadings lists a document's headings.
func edHeadings(doc ast.Node, src []byte) []edHeading {
	var out []edHeading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		out = append(out, edHeading{h.Level, string(idb), book.PlainText(h, src)})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// An omission is a run of adjacent proofs left out of an edition,
// told in one line where the first of them stood.
type omission struct {
	tests []string // the test functions they define
	files []string
	lines int
}

// EditionOption changes how an edition is built.
type EditionOption func(*edition)

// WithProofs keeps every proof in the edition; by default only the
// open ones (each section's demonstration) are printed.
func WithProofs(on bool) EditionOption { return func(e *edition) { e.proofs = on } }

// loadEdition reads the book under root and decides what each edition
// keeps. Errors in the book fail it, as path:line: message.
func loadEdition(root string, opts ...EditionOption) (*edition, error) {
	b, err := book.Load(root)
	if err != nil {
		return nil, err
	}
	e := &edition{book: b, root: root, title: b.Front.Title, bySlug: map[string]*edPage{}, images: map[string]string{}}
	for _, o := range opts {
		o(e)
	}
	if e.title == "" {
		e.title = "How Servers Wait"
	}
	fl := lineStartsOf(b.Front.Source)
	e.front = e.describe(&edPage{slug: "front", title: e.title, path: book.FrontPath,
		src: b.Front.Source, doc: b.Front.Doc, lineOf: fl})
	for i, c := range b.Chapters {
		p := &edPage{slug: c.Slug(), num: chapterNumber(c, i), title: c.Title, path: c.Path,
			src: c.Source, doc: c.Doc, ch: c, lineOf: c.LineOf}
		e.chapters = append(e.chapters, e.describe(p))
		e.bySlug[p.slug] = p
	}
	if err := e.errs.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

// lineStartsOf returns a function from byte offsets of src to lines.
func lineStartsOf(src []byte) func(int) int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return func(off int) int {
		return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
	}
}

// keep reports whether an edition shows a block: never a solution,
// and a proof only when it is open or proofs were asked for.
func (e *edition) keep(c *book.Chapter, b *book.Block) bool {
	switch {
	case c.IsSolution(b):
		return false
	case c.IsProof(b):
		return e.proofs || b.Open || e.usedByKept(c, b, map[*book.Block]bool{})
	}
	return true
}

// usedByKept reports whether a chunk is used by a block the edition
// keeps: a proof's chunk is shown with the open proof that uses it.
func (e *edition) usedByKept(c *book.Chapter, b *book.Block, seen map[*book.Block]bool) bool {
	ch := c.Chunks[b.Chunk]
	if b.Chunk == "" || ch == nil || seen[b] {
		return false
	}
	seen[b] = true
	for _, u := range ch.Users {
		if u.Open || e.usedByKept(c, u, seen) {
			return true
		}
	}
	return false
}

// describe finds a page's anchors, figures and left-out blocks.
func (e *edition) describe(p *edPage) *edPage {
	p.ids = map[string]bool{}
	p.figures = map[*ast.Image]int{}
	p.blocks = map[*ast.FencedCodeBlock]*book.Block{}
	p.omitted = map[*book.Block]*omission{}
	p.skip = map[*book.Block]bool{}
	for _, sec := range edHeadings(p.doc, p.src) {
		p.ids[sec.id] = true
		if sec.level == 2 {
			p.toc = append(p.toc, sec)
		}
	}
	if p.ch != nil {
		var run *omission
		var last ast.Node
		for _, b := range p.ch.Blocks {
			p.blocks[b.Node] = b
			switch {
			case e.keep(p.ch, b):
				p.ids[b.ID()] = true
				run = nil
			case p.ch.IsSolution(b):
				p.skip[b] = true
			case run != nil && b.Node.PreviousSibling() == last:
				run.add(p.ch, b)
				p.skip[b] = true
			default:
				run = &omission{}
				run.add(p.ch, b)
				p.omitted[b] = run
			}
			last = b.Node
		}
	}
	n := 0
	ast.Walk(p.doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := node.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if isFigure(img) {
			n++
			p.figures[img] = n
			p.ids[editionFigureID(n)] = true
		}
		e.addImage(p, img)
		return ast.WalkSkipChildren, nil
	})
	return p
}

// isFigure reports whether an image stands alone in its paragraph:
// then it is a numbered figure, with its title as the caption.
func isFigure(img *ast.Image) bool {
	par, ok := img.Parent().(*ast.Paragraph)
	return ok && par.FirstChild() == img && par.LastChild() == img
}

// editionFigureID is the anchor of a page's n-th figure.
func editionFigureID(n int) string { return "figure-" + strconv.Itoa(n) }

// add counts a left-out proof into the run.
func (o *omission) add(c *book.Chapter, b *book.Block) {
	for _, l := range b.Code {
		if m := testFunc.FindStringSubmatch(l.Text); m != nil && isTestName(m[1]) {
			o.tests = append(o.tests, m[1])
		}
	}
	for _, f := range c.Targets(b) {
		if !contains(o.files, f) {
			o.files = append(o.files, f)
		}
	}
	o.lines += len(b.Code)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// addImage records an image a page shows, checking that its file is
// in the chapter's directory; the editions carry a copy.
func (e *edition) addImage(p *edPage, img *ast.Image) {
	dest := string(img.Destination)
	line := p.lineOf(nodeOffset(img, p.src))
	if p.ch == nil {
		e.errs.Add(p.path, line, "the editions show no images on the front page (%s)", dest)
		return
	}
	rel, ok := imagePath(p.ch.Dir, dest)
	if !ok {
		e.errs.Add(p.path, line, "image %s: the editions take images from under %s/", dest, book.ChaptersDir)
		return
	}
	osPath := filepath.Join(e.root, book.ChaptersDir, filepath.FromSlash(rel))
	if _, err := os.Stat(osPath); err != nil {
		e.errs.Add(p.path, line, "missing image %s", dest)
		return
	}
	if mediaType(rel) == "" {
		e.errs.Add(p.path, line, "image %s: the editions take SVG, PNG, JPEG or GIF", dest)
		return
	}
	e.images[rel] = osPath
}

// imagePath is where an image of the chapter in dir goes in the
// editions: its path under chapters/, such as 07-measuring/x.svg. It
// refuses addresses and paths that leave chapters/.
func imagePath(dir, dest string) (string, bool) {
	if dest == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "/") || strings.ContainsAny(dest, "?#\\") {
		return "", false
	}
	rest, ok := strings.CutPrefix(path.Join(dir, dest), book.ChaptersDir+"/")
	if !ok || !strings.Contains(rest, "/") {
		return "", false
	}
	return rest, true
}

// mediaType is the media type of an image the editions can carry.
func mediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	}
	return ""
}

// nodeOffset is the byte offset of a node's first text, or of the
// block that holds it, for error lines.
func nodeOffset(n ast.Node, src []byte) int {
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && off < 0 {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for b := n; off < 0 && b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			off = b.Lines().At(0).Start
		}
	}
	return max(off, 0)
}

// colophon says what the edition leaves out, for its front page.
func (e *edition) colophon() string {
	what := "This edition prints every proof, the tests that prove each claim."
	if !e.proofs {
		what = "This edition leaves out the proofs, the tests that prove each claim, " +
			"but for each section's demonstration; a line says where each one was. " +
			"The site shows them folded, and <code>go run ./site -epub -pdf -proofs</code> " +
			"makes an edition with all of them."
	}
	return `<p class="colophon">` + what + " The exercises' solutions are not in it.</p>\n"
}

// chapterLabel is how the editions name a chapter: "Chapter 2".
func (p *edPage) chapterLabel() string { return fmt.Sprintf("Chapter %d", p.num) }

// esc escapes text for XHTML, attributes included.
func esc(s string) string { return html.EscapeString(s) }

// editionFile reports whether a path in the site's folder is one of
// the editions that make pdf and make epub write there, which a
// rebuild of the site keeps.
func editionFile(p string) bool {
	return p == epubName || p == pdfName || strings.HasPrefix(p, pdfDir+"/")
}

// Where the editions go in the site's folder.
const (
	epubName = "book.epub"
	pdfName  = "book.pdf"
	pdfDir   = "pdf"
)
