package main

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// An edDoc is one document of an edition: a chapter of the EPUB, each
// in its own file, or the print document that holds several pages one
// after the other, their anchors prefixed by their slug.
type edDoc struct {
	e     *edition
	print bool
	pages map[string]bool // the slugs this print document holds
}

// has reports whether a link to page p can resolve in this document.
func (d *edDoc) has(p *edPage) bool { return !d.print || d.pages[p.slug] }

// anchor is how an anchor of page p is written in the document.
func (d *edDoc) anchor(p *edPage, id string) string {
	if !d.print {
		return id
	}
	if id == "" {
		return p.slug
	}
	return p.slug + "--" + id
}

// href links from page from to anchor id ("" for the top) of page to.
func (d *edDoc) href(from, to *edPage, id string) string {
	if d.print || from == to {
		return "#" + d.anchor(to, id)
	}
	if id == "" {
		return to.slug + ".xhtml"
	}
	return to.slug + ".xhtml#" + id
}

// render writes a page's Markdown as XHTML, for this document.
func (d *edDoc) render(p *edPage) ([]byte, error) {
	r := &edRenderer{d: d, p: p}
	ropts := []renderer.Option{
		html.WithXHTML(),
		extension.WithTableCellAlignMethod(extension.TableCellAlignStyle),
		renderer.WithNodeRenderers(util.Prioritized(r, 100)),
	}
	if d.print {
		ropts = append(ropts, extension.WithFootnoteIDPrefix(p.slug+"--"))
	}
	md := book.NewMarkdown(goldmark.WithRendererOptions(ropts...))
	var buf bytes.Buffer
	err := md.Renderer().Render(&buf, p.src, p.doc)
	return buf.Bytes(), err
}

// edRenderer draws the nodes whose editions differ from goldmark's
// plain XHTML: code, headings, links, images and figures.
type edRenderer struct {
	d      *edDoc
	p      *edPage
	titled bool          // the chapter's first heading is written
	figs   *figRefWriter // its text, with figure references linked
}

// RegisterFuncs registers the renderer's node kinds.
func (r *edRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.code)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindText, r.text)
}

func (r *edRenderer) heading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if !entering {
		fmt.Fprintf(w, "</h%d>\n", n.Level)
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, "<h%d", n.Level)
	if v, ok := n.AttributeString("id"); ok {
		if id, ok := v.([]byte); ok {
			writeXAttr(w, "id", r.d.anchor(r.p, string(id)))
		}
	}
	_ = w.WriteByte('>')
	if n.Level == 1 && r.p.ch != nil && !r.titled {
		r.titled = true
		fmt.Fprintf(w, `<span class="chapnum">%s</span> `, esc(r.p.chapterLabel()))
	}
	return ast.WalkContinue, nil
}

func (r *edRenderer) paragraph(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if img, ok := node.FirstChild().(*ast.Image); ok && isFigure(img) {
		if entering {
			r.figure(w, img, src)
		}
		return ast.WalkSkipChildren, nil
	}
	if entering {
		_, _ = w.WriteString("<p>")
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// figure writes an image that stands alone as a numbered figure:
// "Figure 2.1 — Caption", from the image's title.
func (r *edRenderer) figure(w util.BufWriter, img *ast.Image, src []byte) {
	n := r.p.figures[img]
	fmt.Fprintf(w, `<figure class="figure" id="%s">`, esc(r.d.anchor(r.p, editionFigureID(n))))
	r.img(w, img, src)
	label := fmt.Sprintf("Figure %d.%d", r.p.num, n)
	if img.Title != nil {
		label += " — " + string(img.Title)
	}
	fmt.Fprintf(w, "<figcaption>%s</figcaption></figure>\n", esc(label))
}

func (r *edRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.img(w, node.(*ast.Image), src)
	}
	return ast.WalkSkipChildren, nil
}

// img writes an image from the edition's copy of its file.
func (r *edRenderer) img(w util.BufWriter, img *ast.Image, src []byte) {
	_, _ = w.WriteString("<img")
	if r.p.ch != nil {
		if rel, ok := imagePath(r.p.ch.Dir, string(img.Destination)); ok {
			writeXAttr(w, "src", rel)
		}
	}
	writeXAttr(w, "alt", book.PlainText(img, src))
	if img.Title != nil {
		writeXAttr(w, "title", string(img.Title))
	}
	_, _ = w.WriteString("/>")
}

func (r *edRenderer) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	_, _ = w.WriteString("<a")
	if href, ok := r.resolve(string(n.Destination)); ok {
		writeXAttr(w, "href", href)
	}
	if n.Title != nil {
		writeXAttr(w, "title", string(n.Title))
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// resolve turns a link of the Markdown into one that works inside the
// edition. Links to other sites stay; links to chapters and anchors the
// document holds are rewritten; links to anything the edition does not
// carry (a tangled file, a results file, a left-out proof) lose their
// href and keep their text.
func (r *edRenderer) resolve(dest string) (string, bool) {
	u, err := url.Parse(dest)
	switch {
	case err != nil || html.IsDangerousURL([]byte(dest)):
		return "", false
	case u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto":
		return dest, true
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/"):
		return "", false
	case u.Path == "":
		return r.to(r.p, u.Fragment)
	}
	target := path.Join(path.Dir(r.p.path), u.Path)
	if target == book.ChaptersDir || target == book.FrontPath {
		return r.to(r.d.e.front, u.Fragment)
	}
	rest, ok := strings.CutPrefix(target, book.ChaptersDir+"/")
	if !ok {
		return "", false
	}
	slug, sub, _ := strings.Cut(rest, "/")
	if to := r.d.e.bySlug[slug]; to != nil && (sub == "" || sub == "README.md") {
		return r.to(to, u.Fragment)
	}
	return "", false
}

// to links to an anchor of a page, if the document holds both.
func (r *edRenderer) to(p *edPage, frag string) (string, bool) {
	if !r.d.has(p) || frag != "" && !p.ids[frag] {
		return "", false
	}
	return r.d.href(r.p, p, frag), true
}

func (r *edRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	b := r.p.blocks[n]
	switch {
	case b == nil: // the front page's code, outside the model
		var lines []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			lines = append(lines, strings.TrimRight(string(seg.Value(src)), "\r\n"))
		}
		_, _ = w.WriteString(`<pre class="chroma"><code>`)
		for _, h := range highlightLines(string(n.Language(src)), "", lines, nil) {
			_, _ = w.WriteString(string(h) + "\n")
		}
		_, _ = w.WriteString("</code></pre>\n")
	case r.p.skip[b]:
	case r.p.omitted[b] != nil:
		r.omission(w, r.p.omitted[b])
	default:
		r.block(w, b)
	}
	return ast.WalkSkipChildren, nil
}

// omission says, in one line, which proofs the edition leaves out.
func (r *edRenderer) omission(w util.BufWriter, o *omission) {
	what := "Test code"
	if len(o.tests) > 0 {
		var names []string
		for _, t := range o.tests {
			names = append(names, "<code>"+esc(t)+"</code>")
		}
		what = "Proof " + strings.Join(names, ", ")
	}
	unit := "lines"
	if o.lines == 1 {
		unit = "line"
	}
	fmt.Fprintf(w, `<p class="proof-note">%s (%d %s of %s), left out of this edition.</p>`+"\n",
		what, o.lines, unit, esc(strings.Join(o.files, ", ")))
}

// block writes a code block the edition keeps, with a caption that
// names its file or chunk, and its <<NAME>> lines linked to the chunk.
func (r *edRenderer) block(w util.BufWriter, b *book.Block) {
	class := "code"
	if r.p.ch.IsProof(b) {
		class += " proof"
	}
	fmt.Fprintf(w, `<figure class="%s" id="%s">`, class, esc(r.d.anchor(r.p, b.ID())))
	switch {
	case b.File != "":
		fmt.Fprintf(w, `<figcaption>%s</figcaption>`, esc(b.File))
	case b.Chunk != "":
		op := "≡"
		if ch := r.p.ch.Chunks[b.Chunk]; ch != nil && len(ch.Blocks) > 0 && ch.Blocks[0] != b {
			op = "+≡"
		}
		fmt.Fprintf(w, `<figcaption>%s</figcaption>`, esc("⟨"+b.Chunk+"⟩ "+op))
	case b.Display:
		_, _ = w.WriteString(`<figcaption>shown only, never compiled</figcaption>`)
	}
	texts := make([]string, len(b.Code))
	for i, l := range b.Code {
		if l.Ref == "" {
			texts[i] = l.Text
		}
	}
	_, _ = w.WriteString(`<pre class="chroma"><code>`)
	for i, h := range highlightLines(b.Lang, b.File, texts, nil) {
		if l := b.Code[i]; l.Ref != "" {
			_, _ = w.WriteString(esc(l.Indent) + r.chunkRef(l.Ref))
		} else {
			_, _ = w.WriteString(string(h))
		}
		_ = w.WriteByte('\n')
	}
	_, _ = w.WriteString("</code></pre></figure>\n")
}

// chunkRef is a <<NAME>> line: ⟨NAME⟩, linked to the chunk's first
// block when the edition shows it.
func (r *edRenderer) chunkRef(name string) string {
	label := esc("⟨" + name + "⟩")
	if ch := r.p.ch.Chunks[name]; ch != nil {
		for _, b := range ch.Blocks {
			if r.p.ids[b.ID()] {
				return fmt.Sprintf(`<a class="chunk-ref" href="%s">%s</a>`, esc(r.d.href(r.p, r.p, b.ID())), label)
			}
		}
	}
	return `<span class="chunk-ref">` + label + `</span>`
}

// writeXAttr writes name="value", escaped; URLs are percent-encoded
// where needed, as goldmark does.
func writeXAttr(w util.BufWriter, name, value string) {
	v := []byte(value)
	if name == "href" || name == "src" {
		v = util.URLEscape(v, true)
	}
	fmt.Fprintf(w, ` %s="%s"`, name, util.EscapeHTML(v))
}
