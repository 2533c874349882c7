package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
)

// A searchDoc is one entry of the search index: a section of a
// chapter's text, or one code block.
type searchDoc struct {
	URL     string // from the site root
	Title   string // "chapter › section", as a result shows it
	Text    string
	Kind    string // "p" a section's prose, "c" code, "t" test code
	Heading string // the section's own heading, which ranks first
}

// MarshalJSON writes a document as a compact array.
func (d searchDoc) MarshalJSON() ([]byte, error) {
	return json.Marshal([5]string{d.URL, d.Title, d.Text, d.Kind, d.Heading})
}

// searchDocs splits a chapter into sections at its headings, and
// gives each code block its own entry: proofs marked as test code,
// solutions left out of the student's edition.
func (s *site) searchDocs(ci *chapterInfo) []searchDoc {
	c := ci.ch
	page := c.Slug() + "/index.html"
	title := numberedTitle(ci)
	cur := &searchDoc{URL: page, Title: title, Kind: "p"}
	var docs []searchDoc
	var text []string
	flush := func() {
		cur.Text = strings.Join(text, " ")
		docs = append(docs, *cur)
		text = nil
	}
	for n := c.Doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 {
				continue
			}
			flush()
			var id string
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			h := book.PlainText(n, c.Source)
			cur = &searchDoc{URL: page + "#" + id, Title: title + " › " + h, Kind: "p", Heading: h}
		case *ast.FencedCodeBlock:
			b := ci.blockOf[n]
			if b == nil || ci.roles.solution[b] && !s.cfg.solutions {
				continue
			}
			d := codeDoc(page, title, b)
			if ci.roles.proof[b] {
				d.Kind = "t"
			}
			docs = append(docs, d)
		default:
			if t := searchText(n, c.Source); t != "" {
				text = append(text, t)
			}
		}
	}
	flush()
	return docs
}

// searchText is a node's text with its words in order and apart: a
// space between table cells, list items and paragraphs.
func searchText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock || n.Kind().String() == "TableCell" {
				b.WriteByte(' ')
			}
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
			b.WriteString(book.PlainText(n, src))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// codeDoc is the search entry of a code block.
func codeDoc(page, title string, b *book.Block) searchDoc {
	lines := make([]string, len(b.Code))
	for i, l := range b.Code {
		lines[i] = strings.TrimSpace(l.Text)
	}
	return searchDoc{
		URL:   page + "#" + b.ID(),
		Title: fmt.Sprintf("%s › %s (%s)", title, blockLabel(b), blockName(b)),
		Text:  strings.Join(lines, " "),
		Kind:  "c",
	}
}

// searchScript is assets/search-index.js: every chapter's sections
// and code, loaded as a script because browsers refuse fetch() from
// file:// pages.
func (s *site) searchScript() ([]byte, error) {
	docs := []searchDoc{}
	for _, ci := range s.ordered() {
		docs = append(docs, s.searchDocs(ci)...)
	}
	data, err := json.Marshal(docs)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "window.searchIndex = %s;\n", data), nil
}
