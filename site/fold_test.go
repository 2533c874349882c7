package main

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestLongBlocksAndOtherSystemsFold checks the two folds that are not
// proofs: a block over longBlock lines shows its first longBlockShown
// lines and folds the rest (a print view shows it whole), and code
// that builds only on other systems folds behind one line.
func TestLongBlocksAndOtherSystemsFold(t *testing.T) {
	var long strings.Builder
	long.WriteString("```go file=long.go\npackage hello\n\n")
	for i := range longBlock + 5 - 2 {
		fmt.Fprintf(&long, "const c%d = %d\n", i, i)
	}
	long.WriteString("```\n\n```go file=kq_bsd.go\n//go:build darwin || freebsd\n\npackage hello\n```\n")
	ar, err := txtar.ParseFile("testdata/book.txtar")
	if err != nil {
		t.Fatal(err)
	}
	over := &txtar.Archive{}
	for _, f := range ar.Files {
		if f.Name == "chapters/02-world/README.md" {
			over.Files = append(over.Files, txtar.File{Name: f.Name,
				Data: append(append([]byte{}, f.Data...), "\n"+long.String()...)})
		}
	}
	root := fixtureBook(t, over)
	s, err := Build(root)
	if err != nil {
		t.Fatal(err)
	}
	page := string(s.Files["02-world/index.html"])
	fold := fmt.Sprintf(`<details class="more"><summary>%d more lines</summary>`, longBlock+5-longBlockShown)
	if !strings.Contains(page, fold) {
		t.Errorf("02-world/index.html lacks %s", fold)
	}
	before, _, _ := strings.Cut(page, fold)
	if n := strings.Count(before[strings.LastIndex(before, "<pre"):], `class="loc"`); n != longBlockShown {
		t.Errorf("%d lines shown before the fold, want %d", n, longBlockShown)
	}
	if !strings.Contains(page, `<details class="other-systems" id="`) ||
		!strings.Contains(page, `<summary>Other systems: kq_bsd.go — 3 lines</summary>`) {
		t.Error("02-world/index.html does not fold kq_bsd.go behind an Other systems line")
	}
	if print := string(s.Files["02-world/print.html"]); strings.Contains(print, `class="more"`) ||
		strings.Contains(print, `class="other-systems"`) {
		t.Error("the print view folds code; on paper it is whole")
	}
}

// TestFoldedCode checks the attribute fold: the block is folded behind
// a line that names its file, what it defines and its length; a link
// to it opens it (its anchor is on the details); it takes no reading
// time; the print view shows it whole.
func TestFoldedCode(t *testing.T) {
	var body strings.Builder
	body.WriteString("```go file=plumbing.go fold\npackage hello\n\n")
	body.WriteString("// Plumb plumbs.\nfunc Plumb() {}\n\ntype Pipe int\n")
	body.WriteString("const (\n\tbig = 2 // a group's names count too\n\tsmall = 1\n)\n")
	for i := range 46 {
		fmt.Fprintf(&body, "var _ = %d\n", i)
	}
	body.WriteString("```\n")
	// Three more like it, 168 lines in all: 8.4 minutes unfolded.
	for i := range 3 {
		fmt.Fprintf(&body, "\n```go file=plumbing.go fold\n")
		for j := range 54 {
			fmt.Fprintf(&body, "var _ = %d\n", 100*i+j)
		}
		body.WriteString("```\n")
	}
	ar, err := txtar.ParseFile("testdata/book.txtar")
	if err != nil {
		t.Fatal(err)
	}
	build := func(extra string) (*Site, string) {
		over := &txtar.Archive{}
		for _, f := range ar.Files {
			if f.Name == "chapters/02-world/README.md" {
				over.Files = append(over.Files, txtar.File{Name: f.Name,
					Data: append(append([]byte{}, f.Data...), "\n"+extra...)})
			}
		}
		s, err := Build(fixtureBook(t, over))
		if err != nil {
			t.Fatal(err)
		}
		return s, string(s.Files["02-world/index.html"])
	}
	s, page := build(body.String())
	want := `<summary>plumbing.go: Plumb, Pipe, big, small — 56 lines</summary>`
	if !strings.Contains(page, `<details class="code-fold" id="`) || !strings.Contains(page, want) {
		t.Errorf("02-world/index.html does not fold plumbing.go behind %s", want)
	}
	unfoldedSite, unfolded := build(strings.ReplaceAll(body.String(), " fold\n", "\n"))
	if strings.Contains(unfolded, `class="code-fold"`) {
		t.Error("a block without fold is folded")
	}
	minutes := func(s *Site) int {
		for _, r := range s.Reading {
			if r.Slug == "02-world" {
				return r.Minutes
			}
		}
		t.Fatal("no reading time for 02-world")
		return 0
	}
	if minutes(s) != 5 || minutes(unfoldedSite) == 5 {
		t.Errorf("the chapter reads in %d min with the block folded and %d min without, want 5 and more",
			minutes(s), minutes(unfoldedSite))
	}
	if print := string(s.Files["02-world/print.html"]); strings.Contains(print, `class="code-fold"`) ||
		!strings.Contains(print, "Plumb") {
		t.Error("the print view folds plumbing.go; on paper it is whole")
	}
}
