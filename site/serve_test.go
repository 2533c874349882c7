package main

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeShowsErrorsUntilFixed runs the live server on the fixture
// book, breaks a chapter and fixes it again, and checks that each edit
// re-tangles, rebuilds, tells the page to reload, and that the pages
// show the file:line error exactly while the chapter is broken.
func TestServeShowsErrorsUntilFixed(t *testing.T) {
	root := fixtureBook(t)
	l := newLiveServer(root, io.Discard)
	l.rebuild()
	srv := httptest.NewServer(l)
	defer srv.Close()
	stop := make(chan struct{})
	defer close(stop)
	go l.watch(sourceState(root), 20*time.Millisecond, stop)

	get := func(p string) string {
		t.Helper()
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s %v", p, resp.Status, err)
		}
		return string(body)
	}
	page := get("/02-world/")
	if !strings.Contains(page, `<script src="/_live/reload.js">`) {
		t.Error("pages lack the live-reload script")
	}
	if strings.Contains(page, "The book has errors") {
		t.Error("a correct book shows errors")
	}
	if !strings.Contains(get("/_live/reload.js"), "EventSource") {
		t.Error("reload.js does not listen for rebuilds")
	}
	if _, err := os.Stat(filepath.Join(root, "chapters/02-world/world.go")); err != nil {
		t.Errorf("serve did not tangle the chapter: %v", err)
	}

	resp, err := http.Get(srv.URL + "/_live/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	first := readEvent(t, events)

	chapter := filepath.Join(root, "chapters/02-world/README.md")
	good, err := os.ReadFile(chapter)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(good), "// Answer greets back.", "<<missing>>", 1)
	edit(t, l, chapter, broken)
	if next := readEvent(t, events); next == first {
		t.Errorf("the event stream did not announce the rebuild (still %q)", next)
	}
	const msg = `chapters/02-world/README.md:13: undefined chunk &#34;missing&#34;`
	for _, p := range []string{"/", "/02-world/index.html", "/01-hello/files.html"} {
		if !strings.Contains(get(p), msg) {
			t.Errorf("%s does not show %s", p, msg)
		}
	}

	fixed := strings.Replace(string(good), "// Answer greets back.", "// Answer greets the world back.", 1)
	edit(t, l, chapter, fixed)
	if page := get("/02-world/index.html"); strings.Contains(page, "The book has errors") || !strings.Contains(page, "greets the world back") {
		i := strings.Index(page, "build-errors")
		t.Errorf("after the fix the page still shows errors, or not the new text: %.600s", page[max(i, 0):])
	}
	code, err := os.ReadFile(filepath.Join(root, "chapters/02-world/world.go"))
	if err != nil || !strings.Contains(string(code), "greets the world back") {
		t.Errorf("serve did not re-tangle world.go after the fix: %v", err)
	}
}

// edit writes a chapter and waits for the server to rebuild.
func edit(t *testing.T, l *liveServer, path, text string) {
	t.Helper()
	l.mu.Lock()
	rebuilt := l.changed
	l.mu.Unlock()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-rebuilt:
	case <-time.After(30 * time.Second):
		t.Fatal("no rebuild within 30s of the edit")
	}
}

// readEvent reads one server-sent event's data.
func readEvent(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading events: %v", err)
		}
		if data, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			return data
		}
	}
}
