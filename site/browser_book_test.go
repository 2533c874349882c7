package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserFoldedProofs follows links into folded proofs in the
// fixture's site: a claims table's #TestShout, a chunk reference and a
// files page's line; each opens the proof it leads into. The control
// under the title opens and closes them all.
func TestBrowserFoldedProofs(t *testing.T) {
	b := newBrowser(t)
	s, _ := buildFixture(t)
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	page := "file://" + filepath.ToSlash(dir) + "/01-hello/index.html"
	b.do("open the chapter", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("details.proof")))
	open := func(id string) string {
		return b.eval(fmt.Sprintf(`String(document.getElementById(%q).open)`, id))
	}
	if open("code-7") != "false" || open("code-8") != "true" || open("code-9") != "false" {
		t.Errorf("as first shown, code-7 open %s (want false), code-8 %s (true), code-9 %s (false)",
			open("code-7"), open("code-8"), open("code-9"))
	}
	b.do("follow the claims table's link", chromedp.Click(chromedp.CSS(`a.claim-proof[href="#TestShout"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("code-7").open`))
	b.do("follow a chunk reference", chromedp.Click(chromedp.CSS(`#code-8 a.chunk-ref`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("code-9").open`))

	// A link from another page into a folded line: the script opens it.
	b.do("files page", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/01-hello/files.html"),
		chromedp.WaitVisible(chromedp.CSS(`#file-hello_test\.go`)))
	// Navigate to the link's own href rather than click it: a click
	// starts a navigation the next step can race (its evaluation then
	// lands in the old page's destroyed context).
	back := b.eval(`document.querySelector('#file-hello_test\\.go a.num[href="index.html#L102"]').href`)
	b.do("a test's line links back", chromedp.Navigate(back),
		chromedp.WaitReady(chromedp.CSS(`body[data-slug="01-hello"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("code-11").open`))

	// A link to the proof itself, which Chromium would not open.
	b.do("another page", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/01-hello/files.html"),
		chromedp.WaitReady(chromedp.CSS(`#file-hello_test\.go`)))
	b.do("link to a proof", chromedp.Navigate(page+"#code-10"),
		chromedp.WaitReady(chromedp.CSS(`body[data-slug="01-hello"] #code-10`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("code-10").open`))

	b.do("reload", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("button.toggle-proofs")))
	b.do("open all", chromedp.Click(chromedp.CSS("button.toggle-proofs")),
		chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("details.proof")].every(d => d.open)`))
	if got := b.eval(`document.querySelector("button.toggle-proofs").textContent`); got != "Close all proofs" {
		t.Errorf("after opening all, the control reads %q", got)
	}
	b.do("close all", chromedp.Click(chromedp.CSS("button.toggle-proofs")),
		chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("details.proof")].every(d => !d.open)`))

	// The print view leaves proofs out until the box is ticked.
	b.do("print view", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/01-hello/print.html"),
		chromedp.WaitReady(chromedp.CSS("#show-proofs")))
	if d := b.eval(`getComputedStyle(document.getElementById("code-7")).display`); d != "none" {
		t.Errorf("the print view shows a proof before the box is ticked (display %s)", d)
	}
	b.do("tick", chromedp.Click(chromedp.CSS("#show-proofs")))
	if d := b.eval(`getComputedStyle(document.getElementById("code-7")).display`); d == "none" {
		t.Error("ticking #show-proofs does not show the proofs")
	}
	b.noConsoleErrors()
}

// TestBrowserRealBook reads the real book's site in Chromium: no page
// is wider than a 390 px phone; search finds the explanation; and it
// saves screenshots of chapter 2 on a phone and at 1,400 px, light
// and dark, to testdata/out/.
func TestBrowserRealBook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real book's browser test takes a minute")
	}
	b := newBrowser(t)
	s, err := Build("..", WithKeepGoing(true))
	if s == nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	base := "file://" + filepath.ToSlash(dir) + "/"
	var pages []string
	for p := range s.Files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	sort.Strings(pages)

	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for _, p := range pages {
		b.do("open "+p, chromedp.Navigate(base+p), chromedp.WaitReady(chromedp.CSS("main")))
		w := b.eval(`String(document.documentElement.scrollWidth)`)
		if w != "390" {
			wide := b.eval(`(function(){var out=[];document.querySelectorAll("main *").forEach(function(e){var r=e.getBoundingClientRect();if(r.right>391&&out.length<3)out.push(e.tagName+"."+e.className+" "+Math.round(r.right)+": "+e.textContent.slice(0,60))});return out.join(" | ")})()`)
			t.Errorf("%s is %spx wide on a 390px phone: it scrolls sideways (%s)", p, w, wide)
		}
	}
	ch2 := base + "02-nonblocking/index.html"
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(scheme)
		b.do("chapter 2 on a phone", chromedp.Navigate(ch2), chromedp.WaitVisible(chromedp.CSS("main h1")))
		b.viewShot("ch2-390-" + scheme + ".png")
		b.do("open the menu", chromedp.Click(chromedp.CSS(".page-menu > summary")),
			chromedp.WaitVisible(chromedp.CSS(".page-menu nav")))
		b.viewShot("ch2-390-menu-" + scheme + ".png")
		b.do("a figure on the phone", chromedp.ScrollIntoView(chromedp.CSS("figure.figure")),
			chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("figure.figure img")].slice(0, 1).every(i => i.complete && i.naturalWidth > 0)`))
		b.viewShot("ch2-390-figure-" + scheme + ".png")
	}
	b.do("wide", chromedp.EmulateViewport(1400, 900))
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(scheme)
		b.do("chapter 2 at 1,400px", chromedp.Navigate(ch2), chromedp.WaitVisible(chromedp.CSS("main h1")))
		b.viewShot("ch2-1400-" + scheme + ".png")
		b.do("its first figure", chromedp.ScrollIntoView(chromedp.CSS("figure.figure")),
			chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("figure.figure img")].slice(0, 1).every(i => i.complete && i.naturalWidth > 0)`))
		b.viewShot("ch2-1400-figure-" + scheme + ".png")
	}
	b.colorScheme("light")

	for _, c := range []struct {
		q, want string
		top     int
	}{
		{"accept queue", "1 · Blocking I/O › The listen backlog", 3},
		{"backlog", "1 · Blocking I/O › The listen backlog", 3},
		{"EAGAIN", "2 · ", 1},
		{"edge-triggered", "3 · ", 3},
	} {
		b.do("search "+c.q, chromedp.Navigate(base+"search.html?q="+url.QueryEscape(c.q)),
			chromedp.WaitVisible(chromedp.CSS("#search-page-results li a")))
		titles := strings.Split(b.eval(`[...document.querySelectorAll("#search-page-results li a")].slice(0, 5).map(a => a.textContent).join("\n")`), "\n")
		found := false
		for i, title := range titles {
			if i < c.top && strings.HasPrefix(title, c.want) && !strings.Contains(title, "(code ") {
				found = true
			}
		}
		if !found {
			t.Errorf("search %q: want a section starting %q in the top %d, got:\n  %s", c.q, c.want, c.top, strings.Join(titles, "\n  "))
		}
	}
	b.noConsoleErrors()
}

// viewShot saves what the viewport shows as a PNG under testdata/out.
func (b *browser) viewShot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatal(err)
	}
	dir := filepath.Join("testdata", "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: site/testdata/out/%s (%d bytes)", name, len(png))
}
