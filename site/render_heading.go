package main

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// headingRenderer draws headings with their stable anchor and a link
// to it that readers can copy.
type headingRenderer struct{ p *pageCtx }

// RegisterFuncs registers the renderer for *ast.Heading.
func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	var id string
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = r.p.id(string(b))
		}
	}
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		if id != "" {
			writeAttr(w, "id", id)
		}
		_ = w.WriteByte('>')
		if r.p.ci != nil && n.Level == 1 && !r.p.titled {
			fmt.Fprintf(w, `<span class="chapter-no">%d ·</span> `, r.p.ci.no)
		}
		return ast.WalkContinue, nil
	}
	if id != "" {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(id), true)))
		_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	if r.p.ci != nil && n.Level == 1 && !r.p.titled {
		r.p.titled = true
		_, _ = w.WriteString(r.p.chapterMeta())
	}
	return ast.WalkContinue, nil
}
