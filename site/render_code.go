package main

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer draws fenced code the way literate tools weave it: the
// code highlighted by chroma, a caption naming the file or chunk the
// block belongs to, links to the blocks it continues and is used in,
// and each <<NAME>> line as a link to that chunk.
type codeRenderer struct{ p *pageCtx }

// RegisterFuncs registers the renderer for *ast.FencedCodeBlock.
func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var b *book.Block
	if r.p.ci != nil {
		b = r.p.ci.blockOf[n]
	}
	if b == nil { // the front page: code without a model
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
		return ast.WalkSkipChildren, nil
	}
	r.p.writeBlock(w, b)
	return ast.WalkSkipChildren, nil
}

// blockKind is the CSS class that says what a block is.
func blockKind(b *book.Block) string {
	switch {
	case b.File != "":
		return "file"
	case b.Chunk != "":
		return "chunk"
	case b.Display:
		return "display"
	}
	return "plain"
}

// A block longer than longBlock lines shows its first longBlockShown
// on a chapter page and folds the rest; print views show it whole.
const longBlock, longBlockShown = 60, 50

// writeCode writes a code block with its caption and cross-references;
// id is its anchor, or "" when a proof's <details> holds the anchor.
func (p *pageCtx) writeCode(w util.BufWriter, b *book.Block, id string) {
	if id != "" {
		fmt.Fprintf(w, `<figure class="code %s" id="%s">`, blockKind(b), id)
	} else {
		fmt.Fprintf(w, `<figure class="code %s">`, blockKind(b))
	}
	p.writeCaption(w, b)
	_, _ = w.WriteString(`<pre class="chroma"><code>`)
	shown := len(b.Code)
	if !p.paper {
		shown = shownLines(shown)
	}
	for i, h := range p.highlightBlock(b) {
		if i == shown {
			// Short code on the page, the rest one click away: a long
			// block's tail folds (a link to one of its lines opens it).
			fmt.Fprintf(w, `</code></pre><details class="more"><summary>%d more lines</summary><pre class="chroma"><code>`, len(b.Code)-shown)
		}
		l := b.Code[i]
		switch {
		case l.Ref != "":
			fmt.Fprintf(w, `<span class="loc ref" id="%s">%s%s</span>`, p.id(lineID(l.Num)), template.HTMLEscapeString(l.Indent), p.chunkRef(l.Ref))
		case b.Tangled():
			fmt.Fprintf(w, `<span class="loc" id="%s">%s%s</span>`, p.id(lineID(l.Num)), p.testAnchor(b, l.Num), h)
		default:
			_, _ = w.WriteString(string(h))
		}
		_ = w.WriteByte('\n')
	}
	_, _ = w.WriteString("</code></pre>")
	if shown < len(b.Code) {
		_, _ = w.WriteString("</details>")
	}
	p.writeXref(w, b)
	_, _ = w.WriteString("</figure>\n")
}

// highlightBlock returns a block's lines highlighted, with the book's
// Go identifiers linked (identLink), once for the chapter's page and
// once for the print view. <<NAME>> lines are left blank.
func (p *pageCtx) highlightBlock(b *book.Block) []template.HTML {
	key := highlightKey{b, p.print}
	if h, ok := p.s.highlighted.Load(key); ok {
		return h.([]template.HTML)
	}
	texts := make([]string, len(b.Code))
	for i, l := range b.Code {
		if l.Ref == "" {
			texts[i] = l.Text
		}
	}
	var link linker
	if b.Tangled() && b.Lang == "go" {
		link = func(i int, name string) string { return p.identLink(b.Code[i].Num, name) }
	}
	h := highlightLines(b.Lang, b.File, texts, link)
	p.s.highlighted.Store(key, h)
	return h
}

// highlightKey names a block highlighted for one kind of page.
type highlightKey struct {
	block *book.Block
	print bool
}

// chunkRef is a <<NAME>> line: a link to the chunk's first definition.
func (p *pageCtx) chunkRef(name string) string {
	label := template.HTMLEscapeString("⟨" + name + "⟩")
	ch := p.ci.ch.Chunks[name]
	if ch == nil || len(ch.Blocks) == 0 {
		return `<span class="chunk-ref undefined">` + label + `</span>`
	}
	return fmt.Sprintf(`<a class="chunk-ref" href="#%s">%s</a>`, p.id(ch.Blocks[0].ID()), label)
}

// siblings returns the blocks that make the same file or chunk.
func (p *pageCtx) siblings(b *book.Block) []*book.Block {
	switch {
	case b.File != "":
		if f := p.ci.files[b.File]; f != nil {
			return f.Blocks
		}
	case b.Chunk != "":
		if ch := p.ci.ch.Chunks[b.Chunk]; ch != nil {
			return ch.Blocks
		}
	}
	return nil
}

func indexOf(blocks []*book.Block, b *book.Block) int {
	for i, x := range blocks {
		if x == b {
			return i
		}
	}
	return -1
}

// writeCaption names what the block belongs to: a file (linked to the
// tangled file), a chunk (noweb's ⟨name⟩≡, +≡ when continued), or
// display code that is never compiled.
func (p *pageCtx) writeCaption(w util.BufWriter, b *book.Block) {
	self := fmt.Sprintf(`<a class="block-link" href="#%s" title="code block %d">§</a> `, p.id(b.ID()), b.Index+1)
	sib := p.siblings(b)
	i := indexOf(sib, b)
	cont := ""
	if i > 0 {
		cont = fmt.Sprintf(` <span class="cont">continues <a href="#%s">%s</a></span>`, p.id(sib[i-1].ID()), blockName(sib[i-1]))
	}
	switch {
	case b.File != "":
		href := p.root + p.ci.ch.Slug() + "/files.html#" + fileID(b.File)
		fmt.Fprintf(w, `<figcaption>%s<span class="kind">file</span> <a class="target" href="%s">%s</a>%s</figcaption>`,
			self, template.HTMLEscapeString(href), template.HTMLEscapeString(b.File), cont)
	case b.Chunk != "":
		op := "≡"
		if i > 0 {
			op = "+≡"
		}
		fmt.Fprintf(w, `<figcaption>%s<span class="kind">chunk</span> <span class="target">%s %s</span>%s</figcaption>`,
			self, template.HTMLEscapeString("⟨"+b.Chunk+"⟩"), op, cont)
	case b.Display:
		fmt.Fprintf(w, `<figcaption>%s<span class="kind">display</span> shown only, never compiled</figcaption>`, self)
	}
}

// blockName is how a link to a block reads: "code 3".
func blockName(b *book.Block) string { return fmt.Sprintf("code %d", b.Index+1) }

// blockLabel names a block by what it makes: its file or ⟨chunk⟩.
func blockLabel(b *book.Block) string {
	switch {
	case b.File != "":
		return b.File
	case b.Chunk != "":
		return "⟨" + b.Chunk + "⟩"
	}
	return blockName(b)
}

// writeXref writes where the block goes on: the next block of the same
// file or chunk, and the blocks that use the chunk.
func (p *pageCtx) writeXref(w util.BufWriter, b *book.Block) {
	var parts []string
	sib := p.siblings(b)
	if i := indexOf(sib, b); i >= 0 && i+1 < len(sib) && (!p.ci.roles.solution[sib[i+1]] || p.s.cfg.solutions) {
		parts = append(parts, fmt.Sprintf(`Continued in <a href="#%s">%s</a>.`, p.id(sib[i+1].ID()), blockName(sib[i+1])))
	}
	if b.Chunk != "" {
		if ch := p.ci.ch.Chunks[b.Chunk]; ch != nil && len(ch.Users) > 0 {
			var links []string
			for _, u := range ch.Users {
				if p.ci.roles.solution[u] && !p.s.cfg.solutions {
					continue
				}
				links = append(links, fmt.Sprintf(`<a href="#%s">%s</a> (%s)`, p.id(u.ID()), blockName(u), template.HTMLEscapeString(blockLabel(u))))
			}
			if len(links) > 0 {
				parts = append(parts, "Used in "+strings.Join(links, ", ")+".")
			}
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, `<p class="xref">%s</p>`, strings.Join(parts, " "))
	}
}
