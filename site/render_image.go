package main

import (
	"fmt"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// imageRenderer draws images, copying the files a chapter keeps in its
// directory into the site; it reports missing files and missing alt
// text. An image alone in its paragraph is a figure: numbered per
// chapter ("Figure 2.1 — " and its title as the caption) and a link to
// the full-size file.
type imageRenderer struct{ p *pageCtx }

// RegisterFuncs registers the renderers for *ast.Image and for
// *ast.Paragraph, which a figure replaces.
func (r *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
	reg.Register(ast.KindParagraph, r.paragraph)
}

// paragraph writes <p>, or, around a figure, nothing: the figure is a
// block of its own.
func (r *imageRenderer) paragraph(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if figureOf(node) != nil {
		return ast.WalkContinue, nil
	}
	if entering {
		_, _ = w.WriteString("<p>")
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// figureOf returns the image a paragraph holds alone, or nil.
func figureOf(n ast.Node) *ast.Image {
	if n.Kind() != ast.KindParagraph || n.ChildCount() != 1 {
		return nil
	}
	img, _ := n.FirstChild().(*ast.Image)
	return img
}

// figureNumbers numbers a chapter's figures in order, from 1.
func figureNumbers(doc ast.Node) map[*ast.Image]int {
	nums := map[*ast.Image]int{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img := figureOf(n); img != nil && entering {
			nums[img] = len(nums) + 1
		}
		return ast.WalkContinue, nil
	})
	return nums
}

// figureID is the anchor of figure m of chapter n: figure-2-1.
func figureID(n, m int) string { return fmt.Sprintf("figure-%d-%d", n, m) }

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
	href, ok := r.p.safeHref(n.Destination, line, true)
	num := 0
	if r.p.ci != nil {
		num = r.p.ci.figures[n]
	}
	if num > 0 {
		writeTag(w, "figure", "class", "figure", "id", r.p.id(figureID(r.p.ci.no, num)))
	}
	if ok {
		writeTag(w, "a", "class", "full-size", "href", href)
	}
	_, _ = w.WriteString("<img")
	if ok {
		writeAttr(w, "src", href)
	}
	writeAttr(w, "alt", alt)
	if n.Title != nil && num == 0 {
		writeAttr(w, "title", string(n.Title))
	}
	_, _ = w.WriteString(` loading="lazy">`)
	if ok {
		_, _ = w.WriteString("</a>")
	}
	if num > 0 {
		fmt.Fprintf(w, `<figcaption><span class="figure-no">Figure %d.%d</span>`, r.p.ci.no, num)
		if len(n.Title) > 0 {
			_, _ = w.WriteString(" — ")
			_, _ = w.Write(util.EscapeHTML(n.Title))
		}
		_, _ = w.WriteString("</figcaption></figure>\n")
	}
	return ast.WalkSkipChildren, nil
}

// writeTag writes an opening tag with escaped attributes, given as
// name, value pairs.
func writeTag(w util.BufWriter, tag string, attrs ...string) {
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		writeAttr(w, attrs[i], attrs[i+1])
	}
	_ = w.WriteByte('>')
}
