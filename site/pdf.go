package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The print edition is one HTML document made from the chapter model
// (the front page, then every chapter, then the licence), which
// headless Chromium prints to PDF with an outline from its headings
// and page numbers in the footer. Each chapter is also printed alone,
// for handouts.

// printDoc returns the HTML document that holds the given pages, one
// after the other: the whole book, or one chapter.
func (e *edition) printDoc(title string, pages []*edPage, withLicence bool) ([]byte, error) {
	doc := &edDoc{e: e, print: true, pages: map[string]bool{}}
	for _, p := range pages {
		doc.pages[p.slug] = true
	}
	css, err := editionCSS(true)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) + "</title>\n<style>\n")
	b.Write(css)
	b.WriteString("</style>\n</head>\n<body>\n")
	for _, p := range pages {
		body, err := doc.render(p)
		if err != nil {
			return nil, err
		}
		class := "chapter"
		if p.ch == nil {
			class = "front"
		}
		if p.ch == nil {
			body = append(body, e.colophon()...)
		}
		fmt.Fprintf(&b, "<section class=\"%s\" id=\"%s\">\n%s</section>\n", class, esc(doc.anchor(p, "")), body)
	}
	if lic := e.licence(); withLicence && lic.text != "" {
		b.WriteString("<section class=\"licence\" id=\"licence\">\n<h1>Licence</h1>\n<pre class=\"licence\">" + esc(lic.text) + "</pre>\n</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String()), nil
}

// A pdfJob is one document to print.
type pdfJob struct {
	name string // where the PDF goes, relative to the output folder
	html []byte
	pdf  []byte
}

// PDFs prints the whole book (pdfName) and each chapter alone (under
// pdfDir), or only the whole book when chapters is false. It returns
// the PDFs by their path under the output folder.
func (e *edition) PDFs(ctx context.Context, chapters bool) (map[string][]byte, error) {
	exe, err := findChromium()
	if err != nil {
		return nil, err
	}
	jobs := []*pdfJob{}
	all := append([]*edPage{e.front}, e.chapters...)
	html, err := e.printDoc(e.title, all, true)
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, &pdfJob{name: pdfName, html: html})
	if chapters {
		for _, p := range e.chapters {
			html, err := e.printDoc(p.chapterLabel()+". "+p.title, []*edPage{p}, false)
			if err != nil {
				return nil, err
			}
			jobs = append(jobs, &pdfJob{name: pdfDir + "/" + p.slug + ".pdf", html: html})
		}
	}
	dir, err := os.MkdirTemp("", "book-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := e.copyImages(dir); err != nil {
		return nil, err
	}
	if err := printAll(ctx, exe, dir, jobs); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, j := range jobs {
		out[j.name] = j.pdf
	}
	return out, nil
}

// copyImages puts the images where the print documents find them.
func (e *edition) copyImages(dir string) error {
	for rel, osPath := range e.images {
		data, err := os.ReadFile(osPath)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// chromiumNames are the browsers the print edition looks for in PATH.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// errNoChromium says what to install when no browser is found.
var errNoChromium = errors.New("pdf: no Chromium found (looked for " + strings.Join(chromiumNames, ", ") +
	" in PATH); install it, e.g. apt-get install chromium")

// findChromium finds a Chromium or Chrome binary in PATH.
func findChromium() (string, error) {
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errNoChromium
}

// printAll starts one headless Chromium and prints the jobs in a few
// tabs at once, from HTML files written under dir.
func printAll(ctx context.Context, exe, dir string, jobs []*pdfJob) error {
	for i, j := range jobs {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%d.html", i)), j.html, 0o644); err != nil {
			return err
		}
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		return fmt.Errorf("pdf: starting %s: %w", exe, err)
	}
	workers := min(max(runtime.NumCPU(), 2), 4, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for range workers {
		wg.Go(func() {
			tab, cancel := chromedp.NewContext(bctx)
			defer cancel()
			for i := range next {
				url := "file://" + filepath.ToSlash(filepath.Join(dir, fmt.Sprintf("doc%d.html", i)))
				data, err := printPDF(tab, url)
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("pdf: printing %s: %w", jobs[i].name, err))
				}
				jobs[i].pdf = data
				mu.Unlock()
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// Page setup: A4, with margins in inches.
const (
	a4Width, a4Height = 8.27, 11.69
	marginSide        = 0.75
	marginTop         = 0.7
	marginBottom      = 0.8
)

// footer is the page number at the foot of every page.
const footer = `<div style="width:100%;font:8pt sans-serif;color:#555;text-align:center">` +
	`<span class="pageNumber"></span> / <span class="totalPages"></span></div>`

// printPDF loads a document in a tab and prints it.
func printPDF(tab context.Context, url string) ([]byte, error) {
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	yes := true
	side, top, bottom := marginSide, marginTop, marginBottom
	res, err := chromedp.Call(tab, page.PrintToPDF, page.PrintToPDFParams{
		DisplayHeaderFooter:     &yes,
		PrintBackground:         &yes,
		PaperWidth:              a4Width,
		PaperHeight:             a4Height,
		MarginTop:               &top,
		MarginBottom:            &bottom,
		MarginLeft:              &side,
		MarginRight:             &side,
		HeaderTemplate:          "<span></span>",
		FooterTemplate:          footer,
		GenerateTaggedPDF:       &yes,
		GenerateDocumentOutline: &yes,
	})
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

// pdfTimeout bounds a whole print run.
const pdfTimeout = 10 * time.Minute
