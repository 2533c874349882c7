package main

import (
	"flag"
	"os"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txtar from the current output")

// goldenPages are the files of the fixture's site kept in golden.txtar.
var goldenPages = []string{
	"index.html",
	"01-hello/index.html",
	"01-hello/files.html",
	"01-hello/print.html",
	"02-world/index.html",
	"identifiers.html",
	"print.html",
	"search.html",
	"assets/search-index.js",
	"assets/nav.js",
	// The instructor's edition (WithSolutions), which shows the solution.
	"solutions/01-hello/index.html",
}

const goldenPath = "testdata/golden.txtar"

// TestGoldenPages renders the fixture book and compares its pages with
// testdata/golden.txtar; go test ./site -run Golden -update rewrites it.
func TestGoldenPages(t *testing.T) {
	s, _ := buildFixture(t)
	with, _ := buildFixture(t, WithSolutions(true))
	for p, data := range with.Files {
		s.Files["solutions/"+p] = data
	}
	if *update {
		ar := &txtar.Archive{Comment: []byte("Pages of the fixture book (testdata/book.txtar), as the site renders them.\nRegenerate: go test ./site -run Golden -update\n")}
		for _, p := range goldenPages {
			ar.Files = append(ar.Files, txtar.File{Name: p, Data: s.Files[p]})
		}
		if err := os.WriteFile(goldenPath, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	ar, err := txtar.ParseFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		got, ok := s.Files[f.Name]
		if !ok {
			t.Errorf("%s: not built", f.Name)
			continue
		}
		if string(got) != string(f.Data) {
			t.Errorf("%s differs from %s (run with -update if the change is intended)\n%s", f.Name, goldenPath, firstDiff(string(f.Data), string(got)))
		}
	}
}

// TestBuildIsDeterministic builds the fixture twice and compares every
// file, so the golden files (and a published site's diffs) never
// change by chance.
func TestBuildIsDeterministic(t *testing.T) {
	root := fixtureBook(t)
	var sites [2]*Site
	for i := range sites {
		s, err := Build(root)
		if err != nil {
			t.Fatal(err)
		}
		sites[i] = s
	}
	for p, a := range sites[0].Files {
		if b := sites[1].Files[p]; string(a) != string(b) {
			t.Errorf("%s differs between two builds:\n%s", p, firstDiff(string(a), string(b)))
		}
	}
}
