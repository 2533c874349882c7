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
