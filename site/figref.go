package main

import (
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// figRefPattern is a reference to a figure in prose: "Figure 2.1", the
// two words possibly on two lines.
var figRefPattern = regexp.MustCompile(`\bFigure\s+(\d+)\.(\d+)\b`)

// A figRef is one "Figure N.M" of the prose.
type figRef struct {
	ch, fig int
	offset  int    // in the Markdown, of its "F"
	href    string // where it links, once resolved
	linked  bool
}

// A figPiece is the part of a figRef that one text node holds: bytes
// [from, to) of the node's value. A reference wrapped onto two lines
// is two pieces, in two nodes.
type figPiece struct {
	from, to    int
	ref         *figRef
	open, close bool // the piece starts, ends the reference
}

// findFigRefs finds the figure references in a document's prose:
// its text, but not code spans, links (already links) or images.
func findFigRefs(doc ast.Node, src []byte) map[*ast.Text][]figPiece {
	out := map[*ast.Text][]figPiece{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindLink, ast.KindAutoLink, ast.KindImage,
			ast.KindRawHTML, ast.KindCodeBlock, ast.KindFencedCodeBlock,
			ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		for c := n.FirstChild(); c != nil; {
			var run []*ast.Text
			for ; c != nil; c = c.NextSibling() {
				t, ok := c.(*ast.Text)
				if !ok {
					break
				}
				run = append(run, t)
			}
			if len(run) > 0 {
				figRefsInRun(run, src, out)
			} else {
				c = c.NextSibling()
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// figRefsInRun finds references in adjacent text nodes, read as one
// text with a newline where a line breaks.
func figRefsInRun(run []*ast.Text, src []byte, out map[*ast.Text][]figPiece) {
	var buf []byte
	at := make([]int, len(run))
	for i, t := range run {
		at[i] = len(buf)
		buf = append(buf, t.Segment.Value(src)...)
		if t.SoftLineBreak() || t.HardLineBreak() {
			buf = append(buf, '\n')
		}
	}
	for _, m := range figRefPattern.FindAllSubmatchIndex(buf, -1) {
		ch, _ := strconv.Atoi(string(buf[m[2]:m[3]]))
		fig, _ := strconv.Atoi(string(buf[m[4]:m[5]]))
		ref := &figRef{ch: ch, fig: fig}
		for i, t := range run {
			from, to := max(m[0], at[i]), min(m[1], at[i]+t.Segment.Len())
			if from >= to {
				continue
			}
			if from == m[0] {
				ref.offset = t.Segment.Start + from - at[i]
			}
			out[t] = append(out[t], figPiece{from - at[i], to - at[i], ref,
				from == m[0], to == m[1]})
		}
	}
}

// A figRefWriter writes text nodes, with their figure references as
// links; link resolves a reference, or reports it missing.
type figRefWriter struct {
	doc    ast.Node
	pieces map[*ast.Text][]figPiece
	base   renderer.NodeRendererFunc // goldmark's, for plain text
	link   func(*figRef) (href string, ok bool)
}

// newFigRefWriter returns a writer of the text of doc.
func newFigRefWriter(doc ast.Node, xhtml bool, link func(*figRef) (string, bool)) *figRefWriter {
	var opts []html.Option
	if xhtml {
		opts = append(opts, html.WithXHTML())
	}
	g := grab{}
	html.NewRenderer(opts...).(renderer.NodeRenderer).RegisterFuncs(g)
	return &figRefWriter{doc: doc, base: g[ast.KindText], link: link}
}

// grab keeps the functions a renderer registers.
type grab map[ast.NodeKind]renderer.NodeRendererFunc

// Register implements renderer.NodeRendererFuncRegisterer.
func (g grab) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { g[k] = f }

// text writes a text node: goldmark's way, around the links.
func (f *figRefWriter) text(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if f.pieces == nil {
		f.pieces = findFigRefs(f.doc, src)
	}
	t := node.(*ast.Text)
	ps := f.pieces[t]
	if !entering || len(ps) == 0 || t.IsRaw() {
		return f.base(w, src, node, entering)
	}
	seg, done := t.Segment, 0
	part := func(from, to int, last bool) {
		ps := seg.WithStart(seg.Start + from)
		p := ast.NewTextSegment(ps.WithStop(seg.Start + to))
		if last {
			p.SetSoftLineBreak(t.SoftLineBreak())
			p.SetHardLineBreak(t.HardLineBreak())
		}
		_, _ = f.base(w, src, p, true)
	}
	for _, p := range ps {
		part(done, p.from, false)
		if p.open {
			p.ref.href, p.ref.linked = f.link(p.ref)
			if p.ref.linked {
				writeTag(w, "a", "class", "figure-ref", "href", p.ref.href)
			}
		}
		part(p.from, p.to, p.to == seg.Len())
		if p.close && p.ref.linked {
			_, _ = w.WriteString("</a>")
		}
		done = p.to
	}
	if done < seg.Len() {
		part(done, seg.Len(), true)
	}
	return ast.WalkContinue, nil
}

// figRefRenderer links a site page's figure references to the
// figures' anchors, and reports references to no figure.
type figRefRenderer struct{ p *pageCtx }

// RegisterFuncs registers the renderer for *ast.Text.
func (r *figRefRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	var doc ast.Node // the first text seen finds its document
	var f *figRefWriter
	reg.Register(ast.KindText, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f == nil {
			for doc = n; doc.Parent() != nil; doc = doc.Parent() {
			}
			f = newFigRefWriter(doc, false, r.link)
		}
		return f.text(w, src, n, entering)
	})
}

// link resolves a reference to a figure of this chapter or another.
func (r *figRefRenderer) link(ref *figRef) (string, bool) {
	line := r.p.lines.line(ref.offset)
	for _, ci := range r.p.s.ordered() {
		if ci.no != ref.ch {
			continue
		}
		if ref.fig < 1 || ref.fig > len(ci.figures) {
			r.p.errorf(line, "Figure %d.%d: no such figure (chapter %d has %d)",
				ref.ch, ref.fig, ref.ch, len(ci.figures))
			return "", false
		}
		id := figureID(ref.ch, ref.fig)
		if ci == r.p.ci {
			return "#" + r.p.id(id), true
		}
		return r.p.toChapter(ci, id, line)
	}
	r.p.errorf(line, "Figure %d.%d: no such figure (there is no chapter %d)",
		ref.ch, ref.fig, ref.ch)
	return "", false
}

// text writes an edition's text, its figure references linked where
// the document holds the figure.
func (r *edRenderer) text(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if r.figs == nil {
		r.figs = newFigRefWriter(r.p.doc, true, func(ref *figRef) (string, bool) {
			for _, to := range r.d.e.chapters {
				if to.num == ref.ch && ref.fig >= 1 && ref.fig <= len(to.figures) {
					return r.to(to, editionFigureID(ref.fig))
				}
			}
			return "", false
		})
	}
	return r.figs.text(w, src, n, entering)
}
