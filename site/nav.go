package main

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// navData is the sidebar: the chapters, and the current one's sections.
type navData struct {
	HTML    template.HTML // the <li> items of the chapter list
	Partial bool          // only neighbours are listed; nav.js adds the rest
	Total   int
	All     string // the front page's chapter list
	Files   string // this chapter's files page, if any
}

// navWindow is how many chapters either side of the current one a
// large book's sidebar lists without JavaScript.
const navWindow = 3

// nav builds the sidebar for a page at root; cur is the current
// chapter, or nil. Every entry but the current one is the same on
// every page, so it is rendered once (navItems) and copied: an inline
// sidebar costs each page a copy, not a template run a chapter.
func (s *site) nav(root string, cur *chapterInfo) *navData {
	all := s.ordered()
	n := &navData{Total: len(all), All: root + "index.html"}
	if s.frontIDs["chapters"] {
		n.All += "#chapters"
	}
	lo, hi := 0, len(all)
	if len(all) > s.cfg.navInline {
		n.Partial = true
		c := 0
		if cur != nil {
			c = cur.num
		}
		lo, hi = max(0, c-navWindow), min(len(all), c+navWindow+1)
	}
	items := s.navItems(root)
	var b strings.Builder
	for _, ci := range all[lo:hi] {
		if ci != cur {
			b.WriteString(items[ci.num])
			continue
		}
		href := root + ci.ch.Slug() + "/index.html"
		fmt.Fprintf(&b, "<li value=\"%d\" class=\"current\"><a href=\"%s\" aria-current=\"page\">%s</a>\n",
			ci.no, href, template.HTMLEscapeString(chapterTitle(ci)))
		if len(ci.sections) > 0 {
			b.WriteString("<ol class=\"sections\">\n")
			for _, sec := range ci.sections {
				fmt.Fprintf(&b, "<li class=\"h%d\"><a href=\"%s#%s\">%s</a></li>\n",
					sec.Level, href, template.HTMLEscapeString(sec.ID), template.HTMLEscapeString(sec.Title))
			}
			b.WriteString("</ol>\n")
		}
		b.WriteString("</li>\n")
	}
	n.HTML = template.HTML(b.String())
	return n
}

// navItems returns every chapter's sidebar entry for pages at root.
func (s *site) navItems(root string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if items, ok := s.navCache[root]; ok {
		return items
	}
	items := make([]string, len(s.list))
	for i, ci := range s.list {
		items[i] = fmt.Sprintf("<li value=\"%d\"><a href=\"%s%s/index.html\">%s</a></li>\n",
			ci.no, root, ci.ch.Slug(), template.HTMLEscapeString(chapterTitle(ci)))
	}
	if s.navCache == nil {
		s.navCache = map[string][]string{}
	}
	s.navCache[root] = items
	return items
}

// chapterTitle is the chapter's first heading, or its directory name.
func chapterTitle(ci *chapterInfo) string {
	if ci.ch.Title != "" {
		return ci.ch.Title
	}
	return ci.ch.Slug()
}

// numberedTitle is the chapter's title after its number, as page
// titles, the pager and search results show it: "2 · Non-blocking I/O".
func numberedTitle(ci *chapterInfo) string {
	return fmt.Sprintf("%d · %s", ci.no, chapterTitle(ci))
}

// navScript is assets/nav.js: every chapter's page, title and number, for the
// sidebar of a book too large to list in every page.
func (s *site) navScript() ([]byte, error) {
	var list [][3]any
	for _, ci := range s.ordered() {
		list = append(list, [3]any{ci.ch.Slug() + "/index.html", chapterTitle(ci), ci.no})
	}
	data, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "window.bookNav = %s;\n", data), nil
}

// neighbours returns the links to the previous and next chapters.
func (s *site) neighbours(root string, ci *chapterInfo) (prev, next *navLink) {
	all := s.ordered()
	if ci.num > 0 {
		p := all[ci.num-1]
		prev = &navLink{Title: numberedTitle(p), Href: root + p.ch.Slug() + "/index.html"}
	}
	if ci.num+1 < len(all) {
		n := all[ci.num+1]
		next = &navLink{Title: numberedTitle(n), Href: root + n.ch.Slug() + "/index.html"}
	}
	return prev, next
}

// numberFrontLists makes an ordered list on the front page whose first
// item links to a chapter start at that chapter's number, so the
// contents read 0, 1, 2 like the chapters' directories.
func (s *site) numberFrontLists() {
	if s.book.Front == nil {
		return
	}
	_ = ast.Walk(s.book.Front.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.List)
		if !entering || !ok || !l.IsOrdered() || l.FirstChild() == nil {
			return ast.WalkContinue, nil
		}
		var link *ast.Link
		_ = ast.Walk(l.FirstChild(), func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if a, ok := c.(*ast.Link); ok && entering && link == nil {
				link = a
				return ast.WalkStop, nil
			}
			return ast.WalkContinue, nil
		})
		if link != nil {
			slug, _, _ := strings.Cut(strings.TrimPrefix(string(link.Destination), "./"), "/")
			if ci := s.chapters[slug]; ci != nil {
				l.Start = ci.no
			}
		}
		return ast.WalkContinue, nil
	})
}

// menu is the header's contents menu, which phones reach without
// scrolling past the text: on a chapter's pages its sections, on the
// others the chapters; a <details>, so it works without script.
func (s *site) menu(root string, cur *chapterInfo) template.HTML {
	var b strings.Builder
	b.WriteString(`<details class="page-menu"><summary>Contents</summary><nav aria-label="Contents"><ol>`)
	if cur != nil {
		href := root + cur.ch.Slug() + "/index.html"
		fmt.Fprintf(&b, `<li class="h1"><a href="%s">%s</a></li>`, href, template.HTMLEscapeString(numberedTitle(cur)))
		for _, sec := range cur.sections {
			fmt.Fprintf(&b, `<li class="h%d"><a href="%s#%s">%s</a></li>`,
				sec.Level, href, template.HTMLEscapeString(sec.ID), template.HTMLEscapeString(sec.Title))
		}
		fmt.Fprintf(&b, `<li class="all"><a href="%sindex.html">All chapters</a></li>`, root)
	} else {
		for _, ci := range s.ordered() {
			fmt.Fprintf(&b, `<li><a href="%s%s/index.html">%s</a></li>`,
				root, ci.ch.Slug(), template.HTMLEscapeString(numberedTitle(ci)))
		}
	}
	b.WriteString("</ol></nav></details>")
	return template.HTML(b.String())
}
