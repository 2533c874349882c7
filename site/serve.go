package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/howserverswait/book/tangle/book"
)

// A liveServer serves the site from memory and rebuilds it, after
// re-tangling, whenever a chapter changes. While the book has errors
// every page shows them.
type liveServer struct {
	root string
	opts []Option
	log  io.Writer

	mu      sync.Mutex
	files   map[string][]byte
	version int
	changed chan struct{} // closed, and replaced, at each rebuild
}

// serveBook serves the book on addr until the process is stopped.
func serveBook(root, addr string, log io.Writer, opts ...Option) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	l := newLiveServer(root, log, opts...)
	last := sourceState(root) // an edit during the first build is seen
	l.rebuild()
	go l.watch(last, 300*time.Millisecond, nil)
	fmt.Fprintf(log, "site: serving http://%s/ ; edit a chapter and the page reloads\n", ln.Addr())
	return http.Serve(ln, l)
}

func newLiveServer(root string, log io.Writer, opts ...Option) *liveServer {
	opts = append(opts, WithLiveReload(true), WithKeepGoing(true))
	return &liveServer{root: root, opts: opts, log: log, changed: make(chan struct{})}
}

// rebuild re-tangles the book, when it has no errors, then builds the
// site and publishes it.
func (l *liveServer) rebuild() {
	start := time.Now()
	tangleErr := retangle(l.root)
	s, err := Build(l.root, l.opts...)
	err = errors.Join(err, tangleErr)
	if s == nil {
		s = &Site{Files: map[string][]byte{"index.html": errorsSlot}}
	}
	if err != nil {
		s.ShowErrors(err)
		fmt.Fprintf(l.log, "site: the book has errors:\n%v\n", err)
	} else {
		fmt.Fprintf(l.log, "site: rebuilt in %v\n", time.Since(start).Round(time.Millisecond))
	}
	l.mu.Lock()
	l.files = s.Files
	l.version++
	close(l.changed)
	l.changed = make(chan struct{})
	l.mu.Unlock()
}

// retangle writes the chapters' generated files, as make tangle does.
// Errors in the chapters are left to Build, which reports them.
func retangle(root string) error {
	b, err := book.Load(root)
	if err != nil {
		return nil
	}
	outputs, err := book.TangleAll(b.Chapters)
	if err != nil {
		return nil
	}
	changes, err := book.Plan(root, b.Chapters, outputs)
	if err != nil {
		return err
	}
	return book.Apply(root, changes)
}

// watch rebuilds when the chapters' Markdown or images differ from the
// state last (from sourceState, taken before watch is started, so that
// no edit can slip in unseen), polling every interval until stop is
// closed.
func (l *liveServer) watch(last string, interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		now := sourceState(l.root)
		if now == last {
			continue
		}
		// Rebuild once the files hold still for an interval: a save
		// can be caught half-written (truncated, not yet filled).
		for {
			time.Sleep(interval)
			again := sourceState(l.root)
			if again == now {
				break
			}
			now = again
		}
		last = now
		l.rebuild()
	}
}

// watched reports the files whose changes rebuild the site: the
// Markdown and the images. Tangle's own output is left out, so that
// writing it does not trigger another rebuild.
func watched(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return false
}

// sourceState sums up the names, sizes and times of the watched files.
func sourceState(root string) string {
	var b strings.Builder
	dir := filepath.Join(root, book.ChaptersDir)
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !watched(d.Name()) {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

// ServeHTTP serves the current build, and the live-reload endpoints.
func (l *liveServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_live/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = io.WriteString(w, reloadJS)
		return
	case "/_live/events":
		l.events(w, r)
		return
	}
	p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if p == "" || strings.HasSuffix(r.URL.Path, "/") {
		p = path.Join(p, "index.html")
	}
	l.mu.Lock()
	data, ok := l.files[p]
	l.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(data)
}

// events streams the build's version; pages reload when it changes.
func (l *liveServer) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	for {
		l.mu.Lock()
		v, changed := l.version, l.changed
		l.mu.Unlock()
		fmt.Fprintf(w, "data: %d\n\n", v)
		flusher.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		}
	}
}

// reloadJS reloads the page when the server says it rebuilt the site.
const reloadJS = `(function () {
  var seen = null;
  var es = new EventSource("/_live/events");
  es.onmessage = function (e) {
    if (seen !== null && e.data !== seen) location.reload();
    seen = e.data;
  };
})();
`
