package main

import (
	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// imageRenderer draws images, copying the files a chapter keeps in its
// directory into the site; it reports missing files and missing alt
// text.
type imageRenderer struct{ p *pageCtx }

// RegisterFuncs registers the renderer for *ast.Image.
func (r *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

func (r *imageRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	line := r.p.lineOf(n)
	alt := book.PlainText(n, src)
	if alt == "" {
		r.p.errorf(line, "image %s has no alt text: write ![what it shows](%s)", n.Destination, n.Destination)
	}
	_, _ = w.WriteString("<img")
	if href, ok := r.p.safeHref(n.Destination, line, true); ok {
		writeAttr(w, "src", href)
	}
	writeAttr(w, "alt", alt)
	if n.Title != nil {
		writeAttr(w, "title", string(n.Title))
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}
