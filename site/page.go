package main

import (
	"bytes"
	"html/template"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A pageCtx is what rendering one Markdown file into one page needs:
// where the page sits (for relative links) and where its text came
// from (for file:line errors).
type pageCtx struct {
	s      *site
	ci     *chapterInfo // the chapter; nil for the front page
	mdPath string       // the Markdown file, a slash path from the root
	lines  *lineIndex
	root   string // from this page to the site root: "" or "../"
	print  bool   // the whole book on one page
	paper  bool   // a print view: proofs shown whole or left out
	titled bool   // the chapter's title is written
	prefix string // added to every anchor (the print view)
	errs   book.Errors
}

// chapterPage returns the context for a chapter's own page.
func (s *site) chapterPage(ci *chapterInfo) *pageCtx {
	return &pageCtx{s: s, ci: ci, mdPath: ci.ch.Path, lines: newLineIndex(ci.ch.Source), root: "../"}
}

// frontPage returns the context for the front page.
func (s *site) frontPage() *pageCtx {
	return &pageCtx{s: s, mdPath: book.FrontPath, lines: s.front, root: ""}
}

// printPage returns the context for a chapter inside the print view.
func (s *site) printPage(ci *chapterInfo) *pageCtx {
	p := s.chapterPage(ci)
	p.root, p.print, p.paper, p.prefix = "", true, true, ci.ch.Slug()+"--"
	return p
}

// errorf records a problem at a line of the page's Markdown. The
// print views repeat the chapters, so they report nothing themselves.
func (p *pageCtx) errorf(line int, format string, args ...any) {
	if !p.print && !p.paper {
		p.errs.Add(p.mdPath, line, format, args...)
	}
}

// id returns an anchor of this page as written in it.
func (p *pageCtx) id(id string) string { return p.prefix + id }

// markdown renders a parsed document with the site's node renderers.
func (p *pageCtx) markdown(src []byte, doc ast.Node) (template.HTML, error) {
	ropts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(&codeRenderer{p}, 100),
			util.Prioritized(&headingRenderer{p}, 100),
			util.Prioritized(&linkRenderer{p}, 100),
			util.Prioritized(&imageRenderer{p}, 100),
			util.Prioritized(&codeSpanRenderer{p}, 100),
			util.Prioritized(&figRefRenderer{p}, 100),
		),
	}
	if p.prefix != "" {
		ropts = append(ropts, extension.WithFootnoteIDPrefix(p.prefix))
	}
	if p.s.cfg.unsafeHTML {
		ropts = append(ropts, html.WithUnsafe())
	}
	md := book.NewMarkdown(goldmark.WithRendererOptions(ropts...))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return "", err
	}
	p.s.addErrors(p.errs)
	p.errs = nil
	return template.HTML(buf.String()), nil
}

// lineOf finds the Markdown line of an inline node: that of its first
// text, or of the block that holds it.
func (p *pageCtx) lineOf(n ast.Node) int {
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
	if off < 0 {
		return 0
	}
	return p.lines.line(off)
}
