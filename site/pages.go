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
		Menu:      s.menu(root, cur),
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
		d.Next = &navLink{Title: numberedTitle(all[0]), Href: all[0].ch.Slug() + "/index.html"}
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
	d := s.newPage("chapter", numberedTitle(ci), "../", ci)
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
	d := s.newPage("files", "Files of "+numberedTitle(ci), "../", ci)
	fd := filesData{Title: numberedTitle(ci), Dir: ci.ch.Dir, TestCmd: testCommand(ci)}
	if s.cfg.solutions {
		fd.SolutionsCmd = solutionsCommand(ci)
	}
	for _, o := range s.shownOutputs(ci) {
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

// shownOutputs are the files of a chapter that its files page lists:
// all but the solutions', unless this is the instructor's edition.
func (s *site) shownOutputs(ci *chapterInfo) []*book.Output {
	var out []*book.Output
	for _, o := range ci.outputs {
		if len(o.File.Blocks) > 0 && ci.roles.solution[o.File.Blocks[0]] && !s.cfg.solutions {
			continue
		}
		out = append(out, o)
	}
	return out
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

// A useGroup is the sections of one chapter that use an identifier.
type useGroup struct {
	Chapter  string // its number
	Sections []navLink
}

// identChapter is the identifiers one chapter defines.
type identChapter struct {
	Title, ID string
	Rows      []identRow
}

// identData is what the identifiers page shows.
type identData struct {
	Chapters []identChapter
	Helpers  int // names defined only in the tests, left out
}

// identifiersHTML renders the index of the book's Go identifiers,
// grouped by the chapter that defines them; each use is named by its
// section. Names the tests define for themselves are left out.
func (s *site) identifiersHTML() ([]byte, error) {
	d := s.newPage("identifiers", "Go identifiers", "", nil)
	data := identData{}
	byChapter := map[*chapterInfo]*identChapter{}
	for _, id := range s.idents.list {
		if id.Test {
			data.Helpers++
			continue
		}
		r := identRow{ID: id.ID(), Name: id.Name, Kind: id.Kind, Pkg: id.Pkg, Href: placeHref(id.Def)}
		seen := map[string]bool{}
		for _, u := range id.Uses {
			no := fmt.Sprint(u.ci.no)
			if n := len(r.Uses); n == 0 || r.Uses[n-1].Chapter != no {
				r.Uses = append(r.Uses, useGroup{Chapter: no})
			}
			sec, ok := u.ci.roles.section[u.block]
			title, href := numberedTitle(u.ci), u.ci.ch.Slug()+"/index.html"
			if ok {
				title, href = sec.Title, href+"#"+sec.ID
			}
			if seen[href] {
				continue
			}
			seen[href] = true
			g := &r.Uses[len(r.Uses)-1]
			g.Sections = append(g.Sections, navLink{Title: title, Href: href})
		}
		ic := byChapter[id.Def.ci]
		if ic == nil {
			ic = &identChapter{Title: numberedTitle(id.Def.ci), ID: "ch-" + id.Def.ci.ch.Slug()}
			byChapter[id.Def.ci] = ic
		}
		ic.Rows = append(ic.Rows, r)
	}
	for _, ci := range s.ordered() {
		if ic := byChapter[ci]; ic != nil {
			data.Chapters = append(data.Chapters, *ic)
		}
	}
	d.Data = data
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

// printData is what the print template shows: the whole book, or one
// chapter.
type printData struct {
	Whole    bool
	Chapters []printArticle
}

// printHTML renders the whole book on one page.
func (s *site) printHTML() ([]byte, error) {
	d := s.newPage("print", "The whole book", "", nil)
	p := s.frontPage()
	p.print, p.paper = true, true
	main, err := p.markdown(s.book.Front.Source, s.book.Front.Doc)
	if err != nil {
		return nil, err
	}
	d.Main = main
	data := printData{Whole: true}
	for _, ci := range s.ordered() {
		h, err := s.printPage(ci).markdown(ci.ch.Source, ci.ch.Doc)
		if err != nil {
			return nil, err
		}
		data.Chapters = append(data.Chapters, printArticle{Slug: ci.ch.Slug(), HTML: h})
	}
	d.Data = data
	return execute(d)
}

// chapterPrintHTML renders one chapter for paper, beside its page.
func (s *site) chapterPrintHTML(ci *chapterInfo) ([]byte, error) {
	d := s.newPage("print", numberedTitle(ci)+", for print", "../", ci)
	p := s.chapterPage(ci)
	p.paper = true
	h, err := p.markdown(ci.ch.Source, ci.ch.Doc)
	if err != nil {
		return nil, err
	}
	d.Data = printData{Chapters: []printArticle{{Slug: ci.ch.Slug(), HTML: h}}}
	return execute(d)
}

// searchHTML renders the page that lists search results.
func (s *site) searchHTML() ([]byte, error) {
	return execute(s.newPage("search", "Search", "", nil))
}
