package main

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
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
			ci.num+1, href, template.HTMLEscapeString(chapterTitle(ci)))
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
			ci.num+1, root, ci.ch.Slug(), template.HTMLEscapeString(chapterTitle(ci)))
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

// navScript is assets/nav.js: every chapter's page and title, for the
// sidebar of a book too large to list in every page.
func (s *site) navScript() ([]byte, error) {
	var list [][2]string
	for _, ci := range s.ordered() {
		list = append(list, [2]string{ci.ch.Slug() + "/index.html", chapterTitle(ci)})
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
		prev = &navLink{Title: chapterTitle(p), Href: root + p.ch.Slug() + "/index.html"}
	}
	if ci.num+1 < len(all) {
		n := all[ci.num+1]
		next = &navLink{Title: chapterTitle(n), Href: root + n.ch.Slug() + "/index.html"}
	}
	return prev, next
}
