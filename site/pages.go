package main

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/howserverswait/book/tangle/book"
)

// bookTitle is the front page's first heading.
func (s *site) bookTitle() string {
	if s.book.Front != nil && s.book.Front.Title != "" {
		return s.book.Front.Title
	}
	return "Book"
}

// newPage fills in what every page shares.
func (s *site) newPage(kind, title, root string, cur *chapterInfo) *pageData {
	d := &pageData{
		Lang:      "en",
		Title:     title,
		BookTitle: s.bookTitle(),
		Root:      root,
		Kind:      kind,
		Nav:       s.nav(root, cur),
		Live:      s.cfg.live,
	}
	if title != d.BookTitle {
		d.Title = title + " · " + d.BookTitle
	}
	if cur != nil {
		d.Slug = cur.ch.Slug()
		d.Source = cur.ch.Path
		d.Prev, d.Next = s.neighbours(root, cur)
		d.Nav.Files = "files.html"
		d.Description = cur.ch.Summary
	}
	return d
}

// frontHTML renders the front page.
func (s *site) frontHTML() ([]byte, error) {
	d := s.newPage("front", s.bookTitle(), "", nil)
	d.Source = book.FrontPath
	main, err := s.frontPage().markdown(s.book.Front.Source, s.book.Front.Doc)
	if err != nil {
		return nil, err
	}
	d.Main = main
	if all := s.ordered(); len(all) > 0 {
		d.Next = &navLink{Title: chapterTitle(all[0]), Href: all[0].ch.Slug() + "/index.html"}
	}
	return execute(d)
}

// chapterData is what the chapter template shows below the text.
type chapterData struct{ TestCmd string }

// testCommand is the command that runs a chapter's tests, or "".
func testCommand(ci *chapterInfo) string {
	for _, o := range ci.outputs {
		if strings.HasSuffix(o.Path, "_test.go") {
			return "go test ./" + ci.ch.Dir + "/..."
		}
	}
	return ""
}

// solutionsCommand runs the exercises' solutions, which build only
// with the tag solutions, or is "" when the chapter has none.
func solutionsCommand(ci *chapterInfo) string {
	for _, o := range ci.outputs {
		if strings.HasSuffix(o.Path, "_test.go") && bytes.Contains(o.Content, []byte("//go:build solutions")) {
			return "go test -tags solutions ./" + ci.ch.Dir + "/..."
		}
	}
	return ""
}

// chapterHTML renders a chapter's page.
func (s *site) chapterHTML(ci *chapterInfo) ([]byte, error) {
	d := s.newPage("chapter", chapterTitle(ci), "../", ci)
	main, err := s.chapterPage(ci).markdown(ci.ch.Source, ci.ch.Doc)
	if err != nil {
		return nil, err
	}
	d.Main = main
	d.Data = chapterData{TestCmd: testCommand(ci)}
	return execute(d)
}

// filesData is what the files template shows.
type filesData struct {
	Title, Dir, TestCmd, SolutionsCmd string
	Files                             []fileView
}

// A fileView is one tangled file, listed.
type fileView struct {
	Path, ID string
	Blocks   []navLink
	Listing  template.HTML
}

// filesHTML renders the page of the files tangled from a chapter.
func (s *site) filesHTML(ci *chapterInfo) ([]byte, error) {
	d := s.newPage("files", "Files of "+chapterTitle(ci), "../", ci)
	fd := filesData{Title: chapterTitle(ci), Dir: ci.ch.Dir, TestCmd: testCommand(ci), SolutionsCmd: solutionsCommand(ci)}
	for _, o := range ci.outputs {
		fv := fileView{Path: o.File.Path, ID: fileID(o.File.Path), Listing: listing(ci, o)}
		for _, b := range o.File.Blocks {
			fv.Blocks = append(fv.Blocks, navLink{Title: blockName(b), Href: "index.html#" + b.ID()})
		}
		fd.Files = append(fd.Files, fv)
	}
	d.Data = fd
	d.Nav.Files = ""
	return execute(d)
}

// listing renders a tangled file with numbered lines; each number
// links to the chapter line the code came from (or, for a blank line
// gofmt added, to the block before it).
func listing(ci *chapterInfo, o *book.Output) template.HTML {
	text := strings.TrimSuffix(string(o.Content), "\n")
	lines := strings.Split(text, "\n")
	html := highlightLines(o.File.Lang, o.File.Path, lines, nil)
	id := fileID(o.File.Path)
	var b strings.Builder
	for i, h := range html {
		n := i + 1
		var from book.Origin
		if i < len(o.Lines) {
			from = o.Lines[i]
		}
		switch {
		case from.Block != nil && ci.lines[from.Line] == from.Block:
			fmt.Fprintf(&b, `<span class="loc" id="%s-L%d"><a class="num" href="index.html#%s" title="README.md line %d, code %d">%d</a>%s</span>`+"\n",
				id, n, lineID(from.Line), from.Line, from.Block.Index+1, n, h)
		case from.Block != nil:
			fmt.Fprintf(&b, `<span class="loc" id="%s-L%d"><a class="num" href="index.html#%s" title="code %d">%d</a>%s</span>`+"\n",
				id, n, from.Block.ID(), from.Block.Index+1, n, h)
		default:
			fmt.Fprintf(&b, `<span class="loc gen" id="%s-L%d"><span class="num">%d</span>%s</span>`+"\n", id, n, n, h)
		}
	}
	return template.HTML(b.String())
}

// identRow is one line of the identifier index.
type identRow struct {
	ID, Name, Kind, Pkg, Href string
	Uses                      []useGroup
}

// A useGroup is the blocks of one chapter that use an identifier.
type useGroup struct {
	Chapter string
	Blocks  []navLink
}

// identifiersHTML renders the index of the book's Go identifiers.
func (s *site) identifiersHTML() ([]byte, error) {
	d := s.newPage("identifiers", "Go identifiers", "", nil)
	var rows []identRow
	for _, id := range s.idents.list {
		r := identRow{ID: id.ID(), Name: id.Name, Kind: id.Kind, Pkg: id.Pkg, Href: placeHref(id.Def)}
		for _, u := range id.Uses {
			if n := len(r.Uses); n == 0 || r.Uses[n-1].Chapter != u.ci.ch.Slug() {
				r.Uses = append(r.Uses, useGroup{Chapter: u.ci.ch.Slug()})
			}
			g := &r.Uses[len(r.Uses)-1]
			g.Blocks = append(g.Blocks, navLink{Title: blockName(u.block), Href: placeHref(u)})
		}
		rows = append(rows, r)
	}
	if rows != nil {
		d.Data = rows
	}
	return execute(d)
}

// placeHref links from the site root to a line of a chapter's code.
func placeHref(p place) string {
	return p.ci.ch.Slug() + "/index.html#" + lineID(p.line)
}

// printArticle is one chapter in the print view.
type printArticle struct {
	Slug string
	HTML template.HTML
}

// printHTML renders the whole book on one page.
func (s *site) printHTML() ([]byte, error) {
	d := s.newPage("print", "The whole book", "", nil)
	p := s.frontPage()
	p.print = true
	main, err := p.markdown(s.book.Front.Source, s.book.Front.Doc)
	if err != nil {
		return nil, err
	}
	d.Main = main
	var arts []printArticle
	for _, ci := range s.ordered() {
		h, err := s.printPage(ci).markdown(ci.ch.Source, ci.ch.Doc)
		if err != nil {
			return nil, err
		}
		arts = append(arts, printArticle{Slug: ci.ch.Slug(), HTML: h})
	}
	d.Data = arts
	return execute(d)
}

// searchHTML renders the page that lists search results.
func (s *site) searchHTML() ([]byte, error) {
	return execute(s.newPage("search", "Search", "", nil))
}
