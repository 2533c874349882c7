package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium or Chrome binary, or returns "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// A browser is a headless Chromium tab that records console errors.
type browser struct {
	t      *testing.T
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

// newBrowser starts headless Chromium with a fresh profile and the
// flags that keep it off the network, or skips the test loudly.
func newBrowser(t *testing.T) *browser {
	exe := chromium()
	switch {
	case exe == "" && os.Getenv("CI") != "":
		t.Fatal("chromium not installed on CI: .ci/run installs it (apt-get install -y chromium)")
	case exe == "":
		t.Skip("SKIP: chromium not installed (apt-get install -y chromium): the real-browser test did not run")
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
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	b := &browser{t: t, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.errors = append(b.errors, m.String()+" at "+m.URL)
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// do runs actions and fails the test on an error.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression that yields a string.
func (b *browser) eval(expr string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// location is the current page's URL.
func (b *browser) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return loc
}

// screenshot saves a full-page PNG under testdata/out.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	dir := filepath.Join("testdata", "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: site/%s (%d bytes)", filepath.ToSlash(p), len(png))
}

// colorScheme makes the page see prefers-color-scheme: scheme.
func (b *browser) colorScheme(scheme string) {
	b.t.Helper()
	_, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		b.t.Fatal(err)
	}
}

// noConsoleErrors fails the test if a page logged an error.
func (b *browser) noConsoleErrors() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		b.t.Errorf("console error: %s", e)
	}
}

// TestBrowserReadsTheBook opens the fixture's site from file:// in
// headless Chromium, follows the table of contents, the next link and
// a chunk reference, searches, and saves light and dark screenshots.
func TestBrowserReadsTheBook(t *testing.T) {
	b := newBrowser(t)
	s, _ := buildFixture(t)
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	home := "file://" + filepath.ToSlash(dir) + "/index.html"
	b.do("open the front page", chromedp.Navigate(home), chromedp.WaitVisible(chromedp.CSS("main")))

	b.do("follow the contents", chromedp.Click(chromedp.CSS(`main a[href="01-hello/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-slug="01-hello"] h1`)))
	if got := b.eval(`document.querySelector("#toc li.current a").textContent`); got != "Hello" {
		t.Errorf("sidebar marks %q as current, want Hello", got)
	}
	b.do("follow next", chromedp.Click(chromedp.CSS(`main .pager a.next`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-slug="02-world"] h1`)))
	if loc := b.location(); !strings.HasSuffix(loc, "/02-world/index.html") {
		t.Errorf("after next: at %s", loc)
	}
	b.do("follow previous", chromedp.Click(chromedp.CSS(`main .pager a.prev`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-slug="01-hello"] h1`)))
	b.do("follow a chunk reference", chromedp.Click(chromedp.CSS(`a.chunk-ref`)),
		chromedp.Poll[chromedp.Void](`location.hash !== ""`))
	if loc := b.location(); !strings.HasSuffix(loc, "#code-2") {
		t.Errorf("after the <<greeting>> link: at %s, want #code-2", loc)
	}

	b.do("search", chromedp.SendKeys(chromedp.CSS("#search-input"), "greeter"),
		chromedp.WaitVisible(chromedp.CSS("#search-results li a")))
	first := b.eval(`document.querySelector("#search-results li a").textContent`)
	if !strings.Contains(first, "Hello") {
		t.Errorf("first search result %q, want one in chapter Hello", first)
	}
	b.do("open a result", chromedp.Click(chromedp.CSS("#search-results li a")),
		chromedp.WaitVisible(chromedp.CSS(`body[data-slug="01-hello"] figure.code`)))
	if loc := b.location(); !strings.Contains(loc, "/01-hello/index.html#") {
		t.Errorf("search result led to %s", loc)
	}
	b.do("search page", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/search.html?q=answer"),
		chromedp.WaitVisible(chromedp.CSS("#search-page-results li a")))

	b.do("chapter page", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/01-hello/index.html"),
		chromedp.WaitVisible(chromedp.CSS("figure.code")))
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(scheme)
		bg := b.eval(`getComputedStyle(document.body).backgroundColor`)
		want := map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(13, 17, 23)"}[scheme]
		if bg != want {
			t.Errorf("%s mode: body background %s, want %s", scheme, bg, want)
		}
		b.screenshot("chapter-" + scheme + ".png")
	}

	b.do("print view", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/print.html"),
		chromedp.WaitVisible(chromedp.CSS(`article[id="01-hello"]`)))
	b.media("print")
	if d := b.eval(`getComputedStyle(document.querySelector(".sidebar")).display`); d != "none" {
		t.Errorf("printing shows the sidebar (display %s)", d)
	}
	if bg := b.eval(`getComputedStyle(document.body).backgroundColor`); bg != "rgb(255, 255, 255)" {
		t.Errorf("printing on background %s, want white", bg)
	}
	b.media("")

	b.do("phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/01-hello/index.html"),
		chromedp.WaitVisible(chromedp.CSS("figure.code")))
	if w := b.eval(`String(document.documentElement.scrollWidth)`); w != "375" {
		t.Errorf("on a 375px phone the page is %spx wide: it scrolls sideways", w)
	}
	b.screenshot("chapter-phone.png")
	b.noConsoleErrors()
}

// media emulates a CSS media type ("print"), or none with "".
func (b *browser) media(m string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
		b.t.Fatal(err)
	}
}

// TestBrowserUnderSubPath serves the site under /course/ over HTTP,
// as a fork's GitHub Pages site is, and reads it there.
func TestBrowserUnderSubPath(t *testing.T) {
	b := newBrowser(t)
	s, _ := buildFixture(t, WithInlineNav(1))
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/course/", http.StripPrefix("/course/", http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	b.do("open", chromedp.Navigate(srv.URL+"/course/"), chromedp.WaitVisible(chromedp.CSS("main")))
	b.do("follow the contents", chromedp.Click(chromedp.CSS(`main a[href="02-world/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-slug="02-world"] h1`)))
	// http.FileServer redirects .../index.html to .../
	if loc := strings.TrimSuffix(b.location(), "index.html"); loc != srv.URL+"/course/02-world/" {
		t.Errorf("at %s", loc)
	}
	// This build lists at most one chapter inline: nav.js fills in the rest.
	n := b.eval(`String(document.querySelectorAll("#toc > li").length)`)
	if n != "2" {
		t.Errorf("sidebar lists %s chapters after nav.js, want 2", n)
	}
	b.do("search", chromedp.SendKeys(chromedp.CSS("#search-input"), "shout"),
		chromedp.WaitVisible(chromedp.CSS("#search-results li a")))
	b.do("files page", chromedp.Navigate(srv.URL+"/course/01-hello/files.html"),
		chromedp.WaitVisible(chromedp.CSS("#file-hello\\.go")))
	b.do("a line of a file links back", chromedp.Click(chromedp.CSS(`#file-hello\.go-L3 a.num`)),
		// The click only starts the navigation: wait until it lands.
		chromedp.WaitReady(chromedp.CSS(`body[data-slug="01-hello"] [id="L19"]`)))
	if loc := strings.Replace(b.location(), "index.html", "", 1); !strings.HasSuffix(loc, "/course/01-hello/#L19") {
		t.Errorf("line 3 of hello.go led to %s, want its chapter line 19", loc)
	}
	b.noConsoleErrors()
}

// TestBrowserWithoutJavaScript turns script off and checks that the
// sidebar lists every chapter and navigation still works.
func TestBrowserWithoutJavaScript(t *testing.T) {
	b := newBrowser(t)
	s, _ := buildFixture(t)
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.do("open a chapter", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/01-hello/index.html"),
		chromedp.WaitVisible(chromedp.CSS(`#toc a[href="../02-world/index.html"]`)))
	// A proof opens with a click on its summary, and the control that
	// needs script stays hidden.
	if got := b.eval(`String(document.querySelector(".proof-tools").hidden)`); got != "true" {
		t.Errorf("without script the open-all control shows (hidden = %s)", got)
	}
	b.do("open a proof", chromedp.Click(chromedp.CSS(`#code-7 > summary`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("code-7").open`))
	b.do("follow the sidebar", chromedp.Click(chromedp.CSS(`#toc a[href="../02-world/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-slug="02-world"] h1`)))
	b.noConsoleErrors()
}
