package main

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/howserverswait/book/tangle/book"
)

// resolve turns a link or image destination written in the Markdown
// into an href that works from this page, on GitHub's layout as on
// the site's. It reports links to chapters, anchors and files that do
// not exist, and returns ok false for them.
func (p *pageCtx) resolve(dest string, line int, image bool) (href string, ok bool) {
	what := "link"
	if image {
		what = "image"
	}
	u, err := url.Parse(dest)
	if err != nil {
		p.errorf(line, "%s %q: %v", what, dest, err)
		return "", false
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return dest, true // another site's address
	}
	if strings.HasPrefix(u.Path, "/") {
		p.errorf(line, "%s %q is absolute; write it relative to this file, so it works on GitHub and under a sub-path", what, dest)
		return "", false
	}
	frag := u.Fragment
	if u.Path == "" {
		return p.toAnchor(frag, line)
	}
	dir := path.Dir(p.mdPath)
	target := path.Join(dir, u.Path)
	if target == book.ChaptersDir || target == book.FrontPath {
		if frag != "" && !p.s.frontIDs[frag] {
			p.errorf(line, "link to missing anchor #%s in %s", frag, book.FrontPath)
			return "", false
		}
		return p.withFrag(p.root+"index.html", frag), true
	}
	rest, inside := strings.CutPrefix(target, book.ChaptersDir+"/")
	if !inside {
		p.errorf(line, "%s %q points outside %s/, which the site does not publish; use a full URL", what, dest, book.ChaptersDir)
		return "", false
	}
	slug, sub, _ := strings.Cut(rest, "/")
	ci := p.s.chapters[slug]
	switch {
	case ci != nil && (sub == "" || sub == "README.md") && !image:
		return p.toChapter(ci, frag, line)
	case ci != nil && ci.outFile[sub] != nil && !image:
		return p.toFile(ci, sub, frag), true
	case ci != nil && ci.solutionOut[sub]:
		p.errorf(line, "%s %q points at a solution, which the student's edition leaves out (go run ./site -solutions shows it)", what, dest)
		return "", false
	}
	fi, err := os.Stat(filepath.Join(p.s.root, filepath.FromSlash(target)))
	switch {
	case err != nil && image:
		p.errorf(line, "missing image %s (no file %s)", dest, target)
		return "", false
	case err != nil:
		p.errorf(line, "link to missing file or chapter %s (no %s)", dest, target)
		return "", false
	case fi.IsDir() && ci == nil && sub == "":
		p.errorf(line, "link to chapter %s, which %s does not list", slug, book.FrontPath)
		return "", false
	case fi.IsDir():
		p.errorf(line, "%s %q names a directory; link to a chapter or a file", what, dest)
		return "", false
	}
	p.s.addAsset(rest, filepath.Join(p.s.root, filepath.FromSlash(target)))
	return p.withFrag(p.root+rest, frag), true
}

// toAnchor links to an anchor of this page.
func (p *pageCtx) toAnchor(frag string, line int) (string, bool) {
	ids := p.s.frontIDs
	if p.ci != nil {
		ids = p.ci.ids
	}
	if frag != "" && !ids[frag] {
		p.errorf(line, "link to missing anchor #%s", frag)
		return "", false
	}
	return "#" + p.id(frag), true
}

// toChapter links to a chapter page, or to its part of the print view.
func (p *pageCtx) toChapter(ci *chapterInfo, frag string, line int) (string, bool) {
	slug := ci.ch.Slug()
	if frag != "" && !ci.ids[frag] {
		p.errorf(line, "link to missing anchor #%s in chapter %s", frag, slug)
		return "", false
	}
	if p.print {
		if frag == "" {
			return "#" + slug, true
		}
		return "#" + slug + "--" + frag, true
	}
	return p.withFrag(p.root+slug+"/index.html", frag), true
}

var lineFrag = regexp.MustCompile(`^L(\d+)$`)

// toFile links to a tangled file on the chapter's files page; a
// GitHub-style #L12 fragment becomes that line's anchor.
func (p *pageCtx) toFile(ci *chapterInfo, file, frag string) string {
	id := fileID(file)
	if m := lineFrag.FindStringSubmatch(frag); m != nil {
		id += "-" + frag
	}
	return p.root + ci.ch.Slug() + "/files.html#" + id
}

func (p *pageCtx) withFrag(href, frag string) string {
	if frag == "" {
		return href
	}
	return href + "#" + frag
}

// fileID is the anchor of a tangled file on its files page.
func fileID(file string) string {
	return "file-" + strings.NewReplacer("/", "-", " ", "-").Replace(file)
}
