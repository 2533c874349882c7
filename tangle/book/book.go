package book

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// ChaptersDir is the directory, under the repository root, that holds
// the front page and one directory a chapter.
const ChaptersDir = "chapters"

// FrontPath is the front page: title, introduction, chapter list.
const FrontPath = ChaptersDir + "/README.md"

// A Book is the front page and its chapters, in the front page's order.
type Book struct {
	Root     string     // the repository root, as an OS path
	Front    *Page      // chapters/README.md
	Chapters []*Chapter // in the order the front page lists them
}

// A Page is a Markdown page that is not a chapter: the front page.
type Page struct {
	Path   string // slash path from the repository root
	Source []byte
	Doc    ast.Node
	Title  string
}

// An Entry is one item of the front page's chapter list.
type Entry struct {
	Slug    string // the chapter's directory name
	Line    int
	Summary string
}

var chapterLink = regexp.MustCompile(`^(?:\./)?(\d+-[A-Za-z0-9_-]+)/?(?:README\.md)?$`)

// ParseFront parses the front page and returns its chapter list: the
// items of its first list that link to a chapter directory.
func ParseFront(src []byte) (*Page, []Entry, error) {
	p := &Page{Path: FrontPath, Source: src}
	p.Doc = NewMarkdown().Parser().Parse(text.NewReader(src))
	lines := lineStarts(src)
	lineOf := func(off int) int {
		return sort.Search(len(lines), func(i int) bool { return lines[i] > off })
	}
	var entries []Entry
	var errs Errors
	seen := map[string]int{}
	ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if p.Title == "" {
				p.Title = PlainText(n, src)
			}
		case *ast.List:
			if entries != nil {
				return ast.WalkSkipChildren, nil
			}
			for item := n.FirstChild(); item != nil; item = item.NextSibling() {
				e, dest, ok := parseEntry(item, src, lineOf)
				switch {
				case !ok && dest != "":
					errs.Add(FrontPath, e.Line, "chapter list links to %q; want a chapter directory such as 01-blocking/", dest)
				case !ok:
					continue
				case seen[e.Slug] > 0:
					errs.Add(FrontPath, e.Line, "chapter %s is listed twice (first at line %d)", e.Slug, seen[e.Slug])
				default:
					seen[e.Slug] = e.Line
					entries = append(entries, e)
				}
			}
			if entries == nil {
				entries = []Entry{}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(entries) == 0 {
		errs.Add(FrontPath, 0, "no chapter list: the first list must link to each chapter's directory, such as [Blocking I/O](01-blocking/)")
	}
	return p, entries, errs.Err()
}

// parseEntry reads a list item "[Title](NN-slug/) — summary".
func parseEntry(item ast.Node, src []byte, lineOf func(int) int) (Entry, string, bool) {
	var link *ast.Link
	ast.Walk(item, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && link == nil {
			link = l
		}
		return ast.WalkContinue, nil
	})
	var e Entry
	if lines := firstLines(item); lines != nil {
		e.Line = lineOf(lines.At(0).Start)
	}
	if link == nil {
		return e, "", false
	}
	dest := string(link.Destination)
	m := chapterLink.FindStringSubmatch(dest)
	if m == nil {
		return e, dest, false
	}
	e.Slug = m[1]
	full := PlainText(item, src)
	title := PlainText(link, src)
	if i := strings.Index(full, title); i >= 0 {
		full = full[i+len(title):]
	}
	e.Summary = strings.TrimSpace(strings.TrimLeft(full, " :-–—"))
	return e, dest, true
}

// firstLines returns the source lines of the first block under n.
func firstLines(n ast.Node) *text.Segments {
	for c := n; c != nil; c = c.FirstChild() {
		if l := c.Lines(); l != nil && l.Len() > 0 {
			return l
		}
	}
	return nil
}

// Load reads the front page under root and every chapter it lists. It
// also reports chapter directories that the front page leaves out.
func Load(root string) (*Book, error) {
	src, err := os.ReadFile(filepath.Join(root, FrontPath))
	if err != nil {
		return nil, err
	}
	front, entries, err := ParseFront(src)
	var errs Errors
	errs.appendErr(err)
	b := &Book{Root: root, Front: front}
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.Slug] = true
		if _, err := os.Stat(filepath.Join(root, ChaptersDir, e.Slug, "README.md")); err != nil {
			errs.Add(FrontPath, e.Line, "chapter %s has no %s/%s/README.md", e.Slug, ChaptersDir, e.Slug)
		}
	}
	dirs, err := ChapterDirs(root)
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if !listed[path.Base(d)] {
			errs.Add(d+"/README.md", 1, "chapter is not listed in %s", FrontPath)
		}
	}
	var slugs []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(root, ChaptersDir, e.Slug, "README.md")); err == nil {
			slugs = append(slugs, ChaptersDir+"/"+e.Slug)
		}
	}
	chapters, err := LoadChapters(root, slugs)
	errs.appendErr(err)
	b.Chapters = chapters
	summaries := map[string]string{}
	for _, e := range entries {
		summaries[e.Slug] = e.Summary
	}
	for _, c := range chapters {
		c.Summary = summaries[c.Slug()]
	}
	return b, errs.Err()
}

// ChapterDirs lists the chapter directories under root (those holding
// a README.md), as slash paths from root, sorted.
func ChapterDirs(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, ChaptersDir))
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		_, err := os.Stat(filepath.Join(root, ChaptersDir, e.Name(), "README.md"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		dirs = append(dirs, ChaptersDir+"/"+e.Name())
	}
	return dirs, nil
}

// LoadChapters reads and parses the chapters in dirs (slash paths from
// root), in parallel; the result keeps the order of dirs.
func LoadChapters(root string, dirs []string) ([]*Chapter, error) {
	chapters := make([]*Chapter, len(dirs))
	errList := make([]error, len(dirs))
	parallel(len(dirs), func(i int) {
		p := dirs[i] + "/README.md"
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			errList[i] = &Error{Path: p, Msg: err.Error()}
			return
		}
		chapters[i], errList[i] = ParseChapter(dirs[i], src)
	})
	var errs Errors
	var out []*Chapter
	for i, c := range chapters {
		errs.appendErr(errList[i])
		if c != nil {
			out = append(out, c)
		}
	}
	return out, errs.Err()
}

// TangleAll tangles chapters in parallel; outputs[i] belongs to chapters[i].
func TangleAll(chapters []*Chapter) ([][]*Output, error) {
	outputs := make([][]*Output, len(chapters))
	errList := make([]error, len(chapters))
	parallel(len(chapters), func(i int) {
		outputs[i], errList[i] = chapters[i].Tangle()
	})
	var errs Errors
	for _, err := range errList {
		errs.appendErr(err)
	}
	return outputs, errs.Err()
}

// parallel calls f(0) ... f(n-1) on one goroutine per CPU. Each call
// writes only its own index, so results do not depend on scheduling.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
