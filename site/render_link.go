package main

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkRenderer draws links, rewritten by resolve so that they work on
// the site; javascript: and other dangerous URLs lose their href.
type linkRenderer struct{ p *pageCtx }

// RegisterFuncs registers the renderer for *ast.Link.
func (r *linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.render)
}

func (r *linkRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a")
	if href, ok := r.p.safeHref(n.Destination, r.p.lineOf(n), false); ok {
		writeAttr(w, "href", href)
	}
	if n.Title != nil {
		writeAttr(w, "title", string(n.Title))
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// safeHref resolves a destination unless it is dangerous (javascript:,
// vbscript:, data: other than images) and raw HTML is off.
func (p *pageCtx) safeHref(dest []byte, line int, image bool) (string, bool) {
	if !p.s.cfg.unsafeHTML && html.IsDangerousURL(dest) {
		return "", false
	}
	return p.resolve(string(dest), line, image)
}

// writeAttr writes name="value", escaping the value; URLs are
// percent-encoded where needed, as goldmark does.
func writeAttr(w util.BufWriter, name, value string) {
	_ = w.WriteByte(' ')
	_, _ = w.WriteString(name)
	_, _ = w.WriteString(`="`)
	v := []byte(value)
	if name == "href" || name == "src" {
		v = util.URLEscape(v, true)
	}
	_, _ = w.Write(util.EscapeHTML(v))
	_ = w.WriteByte('"')
}
