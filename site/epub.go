package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// EPUB writes the book as an EPUB 3: a zip whose first entry is the
// uncompressed mimetype, then the container, the package document
// (metadata, manifest, spine), the navigation document, one XHTML
// document a chapter, the images (SVG), the style sheet and the
// licence. Only archive/zip is needed: the format is small.
func (e *edition) EPUB(modified time.Time) ([]byte, error) {
	files, order, err := e.epubFiles(modified)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(zipHeader("mimetype", zip.Store, modified))
	if err != nil {
		return nil, err
	}
	if _, err := w.Write([]byte("application/epub+zip")); err != nil {
		return nil, err
	}
	for _, name := range order {
		w, err := zw.CreateHeader(zipHeader(name, zip.Deflate, modified))
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipHeader describes an entry with its time in the MS-DOS fields
// only: Go writes an extra field for FileHeader.Modified, and the EPUB
// format forbids extra fields on the mimetype entry.
func zipHeader(name string, method uint16, t time.Time) *zip.FileHeader {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return &zip.FileHeader{
		Name:         name,
		Method:       method,
		ModifiedDate: uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9),
		ModifiedTime: uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11),
	}
}

// epubDir is the folder inside the EPUB that holds the publication.
const epubDir = "EPUB/"

// An epubItem is one entry of the package's manifest.
type epubItem struct {
	id, href, mediaType, properties string
	spine                           bool
}

// epubFiles returns every file of the EPUB but mimetype, by name, and
// the order to write them in.
func (e *edition) epubFiles(modified time.Time) (map[string][]byte, []string, error) {
	files := map[string][]byte{}
	var items []epubItem
	add := func(it epubItem, data []byte) {
		items = append(items, it)
		files[epubDir+it.href] = data
	}
	css, err := editionCSS(false)
	if err != nil {
		return nil, nil, err
	}
	add(epubItem{id: "style", href: "style.css", mediaType: "text/css"}, css)
	doc := &edDoc{e: e}
	body, err := doc.render(e.front)
	if err != nil {
		return nil, nil, err
	}
	add(epubItem{id: "front", href: "front.xhtml", mediaType: xhtmlType, spine: true},
		xhtmlPage(e.title, `<section epub:type="titlepage">`+"\n"+string(body)+e.colophon()+"</section>"))
	add(epubItem{id: "nav", href: "nav.xhtml", mediaType: xhtmlType, properties: "nav", spine: true},
		xhtmlPage("Contents", e.epubNav()))
	for _, p := range e.chapters {
		body, err := doc.render(p)
		if err != nil {
			return nil, nil, err
		}
		add(epubItem{id: "ch-" + p.slug, href: p.slug + ".xhtml", mediaType: xhtmlType, spine: true},
			xhtmlPage(p.title, `<section epub:type="chapter">`+"\n"+string(body)+"</section>"))
	}
	lic := e.licence()
	if lic.text != "" {
		add(epubItem{id: "licence", href: "licence.xhtml", mediaType: xhtmlType, spine: true},
			xhtmlPage("Licence", `<section epub:type="copyright-page">`+"\n<h1>Licence</h1>\n<pre class=\"licence\">"+esc(lic.text)+"</pre>\n</section>"))
	}
	var imgs []string
	for p := range e.images {
		imgs = append(imgs, p)
	}
	sort.Strings(imgs)
	for i, p := range imgs {
		data, err := os.ReadFile(e.images[p])
		if err != nil {
			return nil, nil, err
		}
		add(epubItem{id: fmt.Sprintf("img-%d", i+1), href: p, mediaType: mediaType(p)}, data)
	}
	files["META-INF/container.xml"] = []byte(xmlHeader + `<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="` + epubDir + `package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`)
	files[epubDir+"package.opf"] = e.epubPackage(items, lic, modified)
	order := []string{"META-INF/container.xml", epubDir + "package.opf"}
	for _, it := range items {
		order = append(order, epubDir+it.href)
	}
	return files, order, nil
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	xhtmlType = "application/xhtml+xml"
)

// xhtmlPage wraps a body in an XHTML5 document for the EPUB.
func xhtmlPage(title, body string) []byte {
	return []byte(xmlHeader + `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head>
<meta charset="utf-8"/>
<title>` + esc(title) + `</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
` + body + `
</body>
</html>
`)
}

// epubNav is the navigation document's body: every chapter with its
// sections, and the landmarks reading systems jump to.
func (e *edition) epubNav() string {
	var b strings.Builder
	b.WriteString(`<nav epub:type="toc" id="toc">` + "\n<h1>Contents</h1>\n<ol>\n")
	fmt.Fprintf(&b, `<li><a href="front.xhtml">%s</a></li>`+"\n", esc(e.title))
	for _, p := range e.chapters {
		fmt.Fprintf(&b, `<li><a href="%s.xhtml">%d. %s</a>`, esc(p.slug), p.num, esc(p.title))
		if len(p.toc) > 0 {
			b.WriteString("\n<ol>\n")
			for _, s := range p.toc {
				fmt.Fprintf(&b, `<li><a href="%s.xhtml#%s">%s</a></li>`+"\n", esc(p.slug), esc(s.id), esc(s.title))
			}
			b.WriteString("</ol>\n")
		}
		b.WriteString("</li>\n")
	}
	if e.licence().text != "" {
		b.WriteString(`<li><a href="licence.xhtml">Licence</a></li>` + "\n")
	}
	b.WriteString("</ol>\n</nav>\n")
	b.WriteString(`<nav epub:type="landmarks" id="landmarks" hidden="hidden">` + "\n<h2>Landmarks</h2>\n<ol>\n")
	b.WriteString(`<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>` + "\n")
	if len(e.chapters) > 0 {
		fmt.Fprintf(&b, `<li><a epub:type="bodymatter" href="%s.xhtml">%s</a></li>`+"\n", esc(e.chapters[0].slug), esc(e.chapters[0].title))
	}
	b.WriteString("</ol>\n</nav>")
	return b.String()
}

// epubPackage is the package document: metadata, manifest and spine.
func (e *edition) epubPackage(items []epubItem, lic licence, modified time.Time) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="en">` + "\n")
	b.WriteString(`<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	fmt.Fprintf(&b, "<dc:identifier id=\"book-id\">%s</dc:identifier>\n", e.identifier())
	fmt.Fprintf(&b, "<dc:title>%s</dc:title>\n<dc:language>en</dc:language>\n", esc(e.title))
	if lic.holder != "" {
		fmt.Fprintf(&b, "<dc:creator>%s</dc:creator>\n", esc(lic.holder))
	}
	if lic.rights != "" {
		fmt.Fprintf(&b, "<dc:rights>%s</dc:rights>\n", esc(lic.rights))
	}
	fmt.Fprintf(&b, "<meta property=\"dcterms:modified\">%s</meta>\n", modified.UTC().Format("2006-01-02T15:04:05Z"))
	b.WriteString("</metadata>\n<manifest>\n")
	for _, it := range items {
		fmt.Fprintf(&b, `<item id="%s" href="%s" media-type="%s"`, esc(it.id), esc(it.href), it.mediaType)
		if it.properties != "" {
			fmt.Fprintf(&b, ` properties="%s"`, it.properties)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("</manifest>\n<spine>\n")
	for _, it := range items {
		if it.spine {
			fmt.Fprintf(&b, "<itemref idref=\"%s\"/>\n", esc(it.id))
		}
	}
	b.WriteString("</spine>\n</package>\n")
	return []byte(b.String())
}

// identifier is the book's dc:identifier: a name-based UUID of its
// title, so that every build of the book is the same book to a reader.
func (e *edition) identifier() string {
	h := sha1.Sum([]byte("github.com/howserverswait/book: " + e.title))
	h[6] = h[6]&0x0f | 0x50 // version 5
	h[8] = h[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// A licence is what the repository's LICENSE says, for the metadata.
type licence struct {
	text   string // the whole file
	rights string // its first paragraph, on one line
	holder string // from its copyright line
}

var copyrightLine = regexp.MustCompile(`(?m)^Copyright \(c\) \d{4}(?:-\d{4})? (.+)$`)

// licence reads LICENSE at the repository root; it is empty when there
// is none.
func (e *edition) licence() licence {
	data, err := os.ReadFile(filepath.Join(e.root, "LICENSE"))
	if err != nil {
		return licence{}
	}
	l := licence{text: strings.TrimSpace(string(data))}
	first, _, _ := strings.Cut(l.text, "\n\n")
	l.rights = strings.Join(strings.Fields(first), " ")
	if m := copyrightLine.FindStringSubmatch(l.text); m != nil {
		l.holder = strings.TrimSpace(m[1])
	}
	return l
}
