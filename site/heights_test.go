package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/howserverswait/book/tangle/book"
)

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
// wide and logs each page's height as first shown, how much of it is
// test code (the proofs drawn open) and how much the folded proofs'
// summary lines take. It holds the book to the "Readers first" issue's
// bounds: in each chapter at most a tenth of what is first shown is
// test code, and the six pages together are at most half of the
// 467,881 px they were before it. See the figures with
//
//	go test ./site -run PageHeights -v
func TestBrowserPageHeights(t *testing.T) {
	const before = 467881 // px, chapters 1–6 before "Readers first"
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
	var total, tests, summaries float64
	for _, c := range bk.Chapters {
		n := c.Slug()[:2]
		if n < "01" || n > "06" {
			continue
		}
		ids, _ := json.Marshal(proofIDs(c))
		b.do("open "+c.Slug(), chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/"+c.Slug()+"/index.html"),
			chromedp.WaitVisible(chromedp.CSS("main")))
		// Test code shown is the code of the proofs drawn open (the
		// demonstrations); a folded proof shows one summary line,
		// counted apart.
		got := b.eval(fmt.Sprintf(`(function(){
			var ids = %s, code = 0, folded = 0;
			ids.forEach(function(id){
				var e = document.getElementById(id);
				if (!e || e.offsetParent === null) return;
				if (e.tagName === "DETAILS" && !e.open) { folded += e.getBoundingClientRect().height; return; }
				var c = e.querySelector("figure.code") || e;
				code += c.getBoundingClientRect().height;
			});
			return document.documentElement.scrollHeight + " " + Math.round(code) + " " + Math.round(folded);
		})()`, ids))
		var h, th, fh float64
		fmt.Sscan(got, &h, &th, &fh)
		total += h
		tests += th
		summaries += fh
		t.Logf("%-16s %8.0f px, test code shown %6.0f px (%4.1f%%), folded proofs' summaries %5.0f px", c.Slug(), h, th, 100*th/h, fh)
		if th > h/10 { // issue "Readers first": at most a tenth
			t.Errorf("%s: test code is %.1f%% of what the page first shows, over 10%%: fold a demonstration",
				c.Slug(), 100*th/h)
		}
	}
	t.Logf("%-16s %8.0f px, test code shown %6.0f px (%4.1f%%), folded proofs' summaries %5.0f px", "chapters 1-6", total, tests, 100*tests/total, summaries)
	if total > before/2 {
		t.Errorf("chapters 1-6 are %.0f px tall, over half of the %d px before", total, before)
	}
}
