package book

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A Chapter is one chapter's Markdown, parsed, with its code blocks,
// chunks and target files.
type Chapter struct {
	Dir     string   // slash path from the repository root: chapters/01-blocking
	Path    string   // Dir + "/README.md"
	Source  []byte   // the Markdown
	Doc     ast.Node // the goldmark document
	Title   string   // text of the first heading
	Summary string   // one line from the front page's list, if any
	Blocks  []*Block // every fenced code block, in document order
	Chunks  map[string]*Chunk
	Files   []*File // target files, in order of their first block

	lines []int // byte offset of the start of each line
}

// A Chunk is a named piece of code, defined by one or more blocks.
type Chunk struct {
	Name   string
	Blocks []*Block // its definitions, in document order
	Users  []*Block // tangled blocks that reference it, in document order
}

// A File is a target file and the blocks that make it.
type File struct {
	Path   string // relative to the chapter's directory
	Lang   string
	Blocks []*Block
}

// Slug is the chapter's directory name, such as 01-blocking.
func (c *Chapter) Slug() string { return path.Base(c.Dir) }

// NewMarkdown returns the goldmark configuration the book is parsed
// with: CommonMark plus GFM and footnotes, with heading IDs.
func NewMarkdown(opts ...goldmark.Option) goldmark.Markdown {
	base := []goldmark.Option{
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	}
	return goldmark.New(append(base, opts...)...)
}

// ParseChapter parses the Markdown of the chapter in directory dir (a
// slash path from the repository root). The chapter is returned even
// when there are errors, so that it can still be shown.
func ParseChapter(dir string, src []byte) (*Chapter, error) {
	c := &Chapter{
		Dir:    dir,
		Path:   dir + "/README.md",
		Source: src,
		Chunks: map[string]*Chunk{},
	}
	c.lines = lineStarts(src)
	c.Doc = NewMarkdown().Parser().Parse(text.NewReader(src))
	var errs Errors
	ast.Walk(c.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if c.Title == "" {
				c.Title = PlainText(n, src)
			}
		case *ast.FencedCodeBlock:
			c.addBlock(n, &errs)
		}
		return ast.WalkContinue, nil
	})
	c.link(&errs)
	return c, errs.Err()
}

// LineOf returns the 1-based line number of a byte offset.
func (c *Chapter) LineOf(offset int) int {
	return sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > offset })
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// addBlock records a fenced code block and checks its info string.
func (c *Chapter) addBlock(n *ast.FencedCodeBlock, errs *Errors) {
	b := &Block{Chapter: c, Node: n, Index: len(c.Blocks)}
	c.Blocks = append(c.Blocks, b)
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		t := strings.Repeat(" ", seg.Padding) + string(seg.Value(c.Source))
		t = strings.TrimSuffix(strings.TrimSuffix(t, "\n"), "\r")
		l := Line{Num: c.LineOf(seg.Start), Text: t}
		l.Indent, l.Ref, _ = parseRef(t)
		b.Code = append(b.Code, l)
	}
	switch {
	case n.Info != nil:
		b.Line = c.LineOf(n.Info.Segment.Start)
		b.Info = string(n.Info.Segment.Value(c.Source))
	case len(b.Code) > 0:
		b.Line = b.Code[0].Num - 1
	default:
		b.Line = c.LineOf(fenceStart(n, c.Source))
	}
	lang, a, problems := parseInfo(b.Info)
	for _, p := range problems {
		errs.Add(c.Path, b.Line, "%s", p)
	}
	b.Lang, b.File, b.Chunk, b.Display, b.Open, b.Fold = lang, a.file, a.chunk, a.display, a.open, a.fold
	if len(problems) == 0 {
		c.checkAttrs(b, a, errs)
	} else {
		b.File, b.Chunk = "", "" // a block with a bad info string is not tangled
	}
	if !b.Tangled() {
		for i := range b.Code {
			b.Code[i].Ref, b.Code[i].Indent = "", "" // shown as written
		}
	}
}

// fenceStart finds the opening fence of a block with no content and
// no info string, for error positions.
func fenceStart(n ast.Node, src []byte) int {
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if l := p.Lines(); l != nil && l.Len() > 0 {
			return l.At(l.Len() - 1).Stop
		}
	}
	return 0
}

func (c *Chapter) checkAttrs(b *Block, a attrs, errs *Errors) {
	switch {
	case a.hasFile && a.hasName:
		errs.Add(c.Path, b.Line, "a block takes file= or chunk=, not both")
		b.File, b.Chunk = "", ""
	case a.display && (a.hasFile || a.hasName):
		errs.Add(c.Path, b.Line, "a display block is never tangled; drop display or file=/chunk=")
		b.File, b.Chunk = "", ""
	case a.open && !a.hasFile && !a.hasName:
		errs.Add(c.Path, b.Line, "open shows a proof unfolded; it needs file= or chunk=")
	case a.open && a.fold:
		errs.Add(c.Path, b.Line, "a block is open or fold, not both")
		b.Fold = false
	case a.hasName:
		if b.Chunk == "" {
			errs.Add(c.Path, b.Line, "chunk= needs a name")
		}
	case a.hasFile:
		if msg := checkPath(b.File); msg != "" {
			errs.Add(c.Path, b.Line, "%s", msg)
			b.File = ""
			return
		}
		b.File = path.Clean(b.File)
		isGo := strings.HasSuffix(b.File, ".go")
		if isGo != (b.Lang == "go") {
			errs.Add(c.Path, b.Line, "file %s: Go code goes in .go files, and only Go code (the block says %q)", b.File, b.Lang)
			b.File = ""
		}
	case b.Lang == "go" && !a.display:
		errs.Add(c.Path, b.Line, "go block without file=, chunk= or display: every Go block is compiled unless marked `go display`")
	}
}

// link builds the chapter's files and chunks and checks references.
func (c *Chapter) link(errs *Errors) {
	files := map[string]*File{}
	for _, b := range c.Blocks {
		switch {
		case b.File != "":
			f := files[b.File]
			if f == nil {
				f = &File{Path: b.File, Lang: b.Lang}
				files[b.File] = f
				c.Files = append(c.Files, f)
			} else if f.Lang != b.Lang {
				errs.Add(c.Path, b.Line, "file %s is %s here but %s in its first block", b.File, b.Lang, f.Lang)
			}
			f.Blocks = append(f.Blocks, b)
		case b.Chunk != "":
			ch := c.Chunks[b.Chunk]
			if ch == nil {
				ch = &Chunk{Name: b.Chunk}
				c.Chunks[b.Chunk] = ch
			}
			ch.Blocks = append(ch.Blocks, b)
		}
	}
	for _, b := range c.Blocks {
		for _, l := range b.Code {
			if l.Ref == "" {
				continue
			}
			ch := c.Chunks[l.Ref]
			if ch == nil {
				errs.Add(c.Path, l.Num, "undefined chunk %q", l.Ref)
				continue
			}
			if n := len(ch.Users); n == 0 || ch.Users[n-1] != b {
				ch.Users = append(ch.Users, b)
			}
		}
	}
	c.checkCycles(errs)
	c.checkUnused(errs)
	for _, b := range c.Blocks {
		if b.Fold && c.IsProof(b) {
			errs.Add(c.Path, b.Line, "a proof is folded already; fold is for code the story need not read")
		}
	}
}

// checkCycles reports each chunk that reaches itself.
func (c *Chapter) checkCycles(errs *Errors) {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(name string)
	visit = func(name string) {
		state[name] = active
		stack = append(stack, name)
		for _, b := range c.Chunks[name].Blocks {
			for _, l := range b.Code {
				if c.Chunks[l.Ref] == nil {
					continue
				}
				switch state[l.Ref] {
				case active:
					i := indexOf(stack, l.Ref)
					cycle := append(append([]string{}, stack[i:]...), l.Ref)
					errs.Add(c.Path, l.Num, "chunk reference cycle: %s", quoteJoin(cycle, " -> "))
				case unseen:
					visit(l.Ref)
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[name] = done
	}
	for _, name := range c.chunkNames() {
		if state[name] == unseen {
			visit(name)
		}
	}
}

// checkUnused reports chunks that no file reaches.
func (c *Chapter) checkUnused(errs *Errors) {
	reached := map[string]bool{}
	var reach func(blocks []*Block)
	reach = func(blocks []*Block) {
		for _, b := range blocks {
			for _, l := range b.Code {
				if ch := c.Chunks[l.Ref]; ch != nil && !reached[l.Ref] {
					reached[l.Ref] = true
					reach(ch.Blocks)
				}
			}
		}
	}
	for _, f := range c.Files {
		reach(f.Blocks)
	}
	for _, name := range c.chunkNames() {
		if reached[name] {
			continue
		}
		ch := c.Chunks[name]
		if len(ch.Users) == 0 {
			errs.Add(c.Path, ch.Blocks[0].Line, "chunk %q is defined but never used", name)
		} else {
			errs.Add(c.Path, ch.Blocks[0].Line, "chunk %q is used only by chunks that no file uses", name)
		}
	}
}

// chunkNames returns the chunk names in order of first definition.
func (c *Chapter) chunkNames() []string {
	var names []string
	for _, b := range c.Blocks {
		if ch := c.Chunks[b.Chunk]; ch != nil && ch.Blocks[0] == b {
			names = append(names, b.Chunk)
		}
	}
	return names
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}

func quoteJoin(names []string, sep string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	return strings.Join(q, sep)
}

// PlainText returns the text of a node and its children, without markup.
func PlainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
