package main

import (
	"encoding/json"
	"fmt"
)

// navData is the sidebar: the chapters, and the current one's sections.
type navData struct {
	Items   []navItem
	Partial bool // only neighbours are listed; nav.js adds the rest
	Total   int
	Files   string // this chapter's files page, if any
}

// A navItem is one chapter in the sidebar.
type navItem struct {
	Num      int
	Title    string
	Href     string
	Current  bool
	Sections []navLink
}

// navWindow is how many chapters either side of the current one a
// large book's sidebar lists without JavaScript.
const navWindow = 3

// nav builds the sidebar for a page at root; cur is the current
// chapter, or nil.
func (s *site) nav(root string, cur *chapterInfo) *navData {
	all := s.ordered()
	n := &navData{Total: len(all)}
	lo, hi := 0, len(all)
	if len(all) > s.cfg.navInline {
		n.Partial = true
		c := 0
		if cur != nil {
			c = cur.num
		}
		lo, hi = max(0, c-navWindow), min(len(all), c+navWindow+1)
	}
	for _, ci := range all[lo:hi] {
		it := navItem{Num: ci.num + 1, Title: chapterTitle(ci), Href: root + ci.ch.Slug() + "/index.html"}
		if ci == cur {
			it.Current = true
			for _, sec := range ci.sections {
				it.Sections = append(it.Sections, navLink{Title: sec.Title, Href: it.Href + "#" + sec.ID, Level: sec.Level})
			}
		}
		n.Items = append(n.Items, it)
	}
	return n
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
