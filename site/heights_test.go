package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/howserverswait/book/tangle/book"
)

var heights = flag.Bool("heights", false, "measure the real book's chapter pages at 1,400 px in Chromium (TestBrowserPageHeights)")

// proofIDs lists the anchors of a chapter's blocks that tangle only
// into test files: the proofs, solutions included.
func proofIDs(c *book.Chapter) []string {
	var ids []string
	for _, b := range c.Blocks {
		if c.IsProof(b) {
			ids = append(ids, b.ID())
		}
	}
	return ids
}

// TestBrowserPageHeights opens chapters 1–6 of the real book at 1,400 px
// wide and logs each page's height as first shown and how much of it is
// test code (the proofs' blocks as they are drawn, folded or not). It
// measures, it does not judge: run it with
//
//	go test ./site -run PageHeights -heights -v
func TestBrowserPageHeights(t *testing.T) {
	if !*heights {
		t.Skip("measures only with -heights")
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
	bk, err := book.Load("..")
	if bk == nil {
		t.Fatal(err)
	}
	b.do("width", chromedp.EmulateViewport(1400, 900))
	var total, tests float64
	for _, c := range bk.Chapters {
		n := c.Slug()[:2]
		if n < "01" || n > "06" {
			continue
		}
		ids, _ := json.Marshal(proofIDs(c))
		b.do("open "+c.Slug(), chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/"+c.Slug()+"/index.html"),
			chromedp.WaitVisible(chromedp.CSS("main")))
		got := b.eval(fmt.Sprintf(`(function(){
			var ids = %s, sum = 0;
			ids.forEach(function(id){
				var e = document.getElementById(id);
				if (e && e.offsetParent !== null) sum += e.getBoundingClientRect().height;
			});
			return document.documentElement.scrollHeight + " " + Math.round(sum);
		})()`, ids))
		var h, th float64
		fmt.Sscan(got, &h, &th)
		total += h
		tests += th
		t.Logf("%-16s %8.0f px, test code %7.0f px (%4.1f%%)", c.Slug(), h, th, 100*th/h)
	}
	t.Logf("%-16s %8.0f px, test code %7.0f px (%4.1f%%)", "chapters 1-6", total, tests, 100*tests/total)
}
