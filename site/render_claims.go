package main

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeSpanRenderer draws inline code; in a chapter's claims table, a
// test's name becomes a link to the block that defines it.
type codeSpanRenderer struct{ p *pageCtx }

// RegisterFuncs registers the renderer for *ast.CodeSpan.
func (r *codeSpanRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeSpan, r.render)
}

func (r *codeSpanRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.CodeSpan)
	var href string
	if r.p.ci != nil {
		if d, ok := r.p.ci.claims[n]; ok {
			href = "#" + r.p.id(d.Name)
		}
	}
	if !entering {
		_, _ = w.WriteString("</code>")
		if href != "" {
			_, _ = w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	if href != "" {
		writeTag(w, "a", "class", "claim-proof", "href", href)
	}
	_, _ = w.WriteString("<code>")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		var v []byte
		switch c := c.(type) {
		case *ast.Text:
			v = c.Segment.Value(src)
		case *ast.String:
			v = c.Value
		}
		if t, ok := bytes.CutSuffix(v, []byte("\n")); ok {
			v = append(t, ' ')
		}
		_, _ = w.Write(util.EscapeHTML(v))
	}
	return ast.WalkSkipChildren, nil
}

// chapterMeta is the line under a chapter's title: how long its story
// takes to read, the control that opens or closes every proof (shown
// by site.js; without script each proof opens on its own) and the
// chapter's print view.
func (p *pageCtx) chapterMeta() string {
	read := fmt.Sprintf(`<span class="reading-time">%d min read</span>`, p.ci.minutes)
	if p.ci.appendix > 0 {
		read += fmt.Sprintf(` <span class="reading-time appendix">(its appendix: %d min more)</span>`, p.ci.appendix)
	}
	if p.paper {
		return `<p class="chapter-meta">` + read + "</p>\n"
	}
	return fmt.Sprintf(`<p class="chapter-meta">%s`+
		`<span class="proof-tools" hidden> · <button type="button" class="toggle-proofs" aria-pressed="false">Open all proofs</button></span>`+
		` · <a href="print.html">Print this chapter</a></p>`+"\n", read)
}
