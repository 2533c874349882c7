package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/ast"
)

// A searchDoc is one entry of the search index: a section of a
// chapter's text, or one code block.
type searchDoc struct {
	URL   string // from the site root
	Title string
	Text  string
}

// MarshalJSON writes a document as a compact array.
func (d searchDoc) MarshalJSON() ([]byte, error) {
	return json.Marshal([3]string{d.URL, d.Title, d.Text})
}

// searchDocs splits a chapter into sections at its headings, and
// gives each code block its own entry.
func searchDocs(ci *chapterInfo) []searchDoc {
	c := ci.ch
	page := c.Slug() + "/index.html"
	title := chapterTitle(ci)
	cur := &searchDoc{URL: page, Title: title}
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
			cur = &searchDoc{URL: page + "#" + id, Title: title + " › " + book.PlainText(n, c.Source)}
		case *ast.FencedCodeBlock:
			if b := ci.blockOf[n]; b != nil {
				docs = append(docs, codeDoc(page, title, b))
			}
		default:
			if t := book.PlainText(n, c.Source); t != "" {
				text = append(text, t)
			}
		}
	}
	flush()
	return docs
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
	}
}

// searchScript is assets/search-index.js: every chapter's sections
// and code, loaded as a script because browsers refuse fetch() from
// file:// pages.
func (s *site) searchScript() ([]byte, error) {
	docs := []searchDoc{}
	for _, ci := range s.ordered() {
		docs = append(docs, searchDocs(ci)...)
	}
	data, err := json.Marshal(docs)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "window.searchIndex = %s;\n", data), nil
}
