package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// extract writes an archive's files under dir.
func extract(t testing.TB, ar *txtar.Archive, dir string) {
	t.Helper()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fixtureBook extracts testdata/book.txtar, then the given archives
// over it, into a new directory and returns that directory.
func fixtureBook(t testing.TB, overlays ...*txtar.Archive) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/book.txtar")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	extract(t, ar, root)
	for _, o := range overlays {
		extract(t, o, root)
	}
	return root
}

// buildFixture builds the fixture book and fails the test on errors.
func buildFixture(t testing.TB, opts ...Option) (*Site, string) {
	t.Helper()
	root := fixtureBook(t)
	s, err := Build(root, opts...)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return s, root
}

// firstDiff describes where two texts first differ, with context.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "texts are equal"
}
