package main

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/howserverswait/book/tangle/book"
)

// A Site is a built site: every file by its slash path in the site.
type Site struct {
	Files map[string][]byte

	// Reading is each chapter's reading time, in the book's order.
	Reading []Reading
}

// Reading is how long a chapter takes to read, by the rule the README
// states: its story's prose words and the lines of code it shows
// unfolded, and the minutes they make; an appendix is timed apart.
type Reading struct {
	Slug            string // the chapter's directory, e.g. 01-blocking
	Words, Lines    int    // in its story
	Minutes         int    // its story's reading time
	AppendixMinutes int    // 0 when it has no appendix
}

// Build renders the book whose repository root is root. On errors in
// the book it fails with all of them, as path:line: message, unless
// WithKeepGoing is given: then it returns the site and the errors
// (ShowErrors puts them on every page).
func Build(root string, opts ...Option) (*Site, error) {
	cfg := newConfig(opts)
	b, err := book.Load(root)
	if b == nil || b.Front == nil {
		return nil, err
	}
	var errs book.Errors
	addErr(&errs, err)
	outputs, err := book.TangleAll(b.Chapters)
	addErr(&errs, err)
	s := newSite(b, outputs, cfg)
	s.addErrors(errs)
	s.idents = s.buildIdents()
	files, err := s.render()
	if err != nil {
		return nil, err
	}
	if err := s.copyAssets(files); err != nil {
		return nil, err
	}
	bookErr := s.errs.Err()
	if bookErr != nil && !cfg.keepGoing {
		return nil, bookErr
	}
	var reading []Reading
	for _, ci := range s.ordered() {
		reading = append(reading, Reading{Slug: ci.ch.Slug(),
			Words: ci.words, Lines: ci.shown,
			Minutes: ci.minutes, AppendixMinutes: ci.appendix})
	}
	return &Site{Files: files, Reading: reading}, bookErr
}

// addErr appends err to a list, keeping its path:line form.
func addErr(errs *book.Errors, err error) {
	var list book.Errors
	var one *book.Error
	switch {
	case err == nil:
	case errors.As(err, &list):
		*errs = append(*errs, list...)
	case errors.As(err, &one):
		*errs = append(*errs, one)
	default:
		*errs = append(*errs, &book.Error{Path: book.ChaptersDir, Msg: err.Error()})
	}
}

// A job makes one file of the site.
type job struct {
	path string
	make func() ([]byte, error)
}

// render makes every page and generated script, in parallel.
func (s *site) render() (map[string][]byte, error) {
	jobs := []job{
		{"index.html", s.frontHTML},
		{"print.html", s.printHTML},
		{"identifiers.html", s.identifiersHTML},
		{"search.html", s.searchHTML},
		{"assets/search-index.js", s.searchScript},
		{"assets/nav.js", s.navScript},
		{"assets/chroma.css", chromaCSS},
	}
	for _, ci := range s.ordered() {
		jobs = append(jobs,
			job{ci.ch.Slug() + "/index.html", func() ([]byte, error) { return s.chapterHTML(ci) }},
			job{ci.ch.Slug() + "/files.html", func() ([]byte, error) { return s.filesHTML(ci) }},
			job{ci.ch.Slug() + "/print.html", func() ([]byte, error) { return s.chapterPrintHTML(ci) }})
	}
	files, err := staticAssets()
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var errList []error
	next := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range next {
				data, err := j.make()
				mu.Lock()
				if err != nil {
					errList = append(errList, fmt.Errorf("%s: %w", j.path, err))
				}
				files[j.path] = data
				mu.Unlock()
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	return files, errors.Join(errList...)
}

// copyAssets adds the images and files that pages link to.
func (s *site) copyAssets(files map[string][]byte) error {
	for sitePath, osPath := range s.assets {
		data, err := os.ReadFile(osPath)
		if err != nil {
			return err
		}
		files[sitePath] = data
	}
	return nil
}

// errorsSlot is where pages show the book's errors while it is broken.
var errorsSlot = []byte(`<div id="build-errors" hidden></div>`)

// ShowErrors puts the errors at the top of every page.
func (site *Site) ShowErrors(err error) {
	files := site.Files
	banner := fmt.Appendf(nil, `<div id="build-errors" class="build-errors" role="alert"><p><strong>The book has errors</strong>; this page shows them until they are fixed:</p><pre>%s</pre></div>`,
		template.HTMLEscapeString(err.Error()))
	for p, data := range files {
		if filepath.Ext(p) == ".html" {
			files[p] = bytes.Replace(data, errorsSlot, banner, 1)
		}
	}
}

// markerName is the file that marks a directory as a built site, so
// that Write never empties a directory it did not make.
const markerName = ".book-site"

// Write replaces the contents of dir with the site. Files of an
// earlier build that this one lacks are removed; the rest are
// overwritten in place, by a few writers at once.
func (site *Site) Write(dir string) error {
	old, err := existingFiles(dir)
	if err != nil {
		return err
	}
	for p := range old {
		if _, keep := site.Files[p]; !keep && p != markerName && !editionFile(p) {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				return err
			}
		}
	}
	paths := make([]string, 0, len(site.Files)+1)
	dirs := map[string]bool{}
	for p := range site.Files {
		paths = append(paths, p)
		dirs[path.Dir(p)] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, markerName), nil, 0o644); err != nil {
		return err
	}
	next := make(chan string)
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			var first error
			for p := range next {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), site.Files[p], 0o644); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		})
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// existingFiles lists the files of an earlier build in dir, by slash
// path. It refuses a directory that holds files but no marker: that is
// not a site this program wrote, and Write must not empty it.
func existingFiles(dir string) (map[string]bool, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	case len(entries) == 0:
		return nil, nil
	}
	if _, err := os.Stat(filepath.Join(dir, markerName)); err != nil {
		return nil, fmt.Errorf("%s is not empty and was not written by site; remove it or choose another -o", dir)
	}
	files := map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = true
		return err
	})
	return files, err
}
