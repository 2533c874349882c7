package main

import (
	"strings"
	"testing"
)

// TestFigureReferencesLink builds the fixture book, whose chapter 2
// refers to its own figure and to chapter 1's (once wrapped onto two
// lines), and finds each "Figure N.M" a link to the figure's anchor:
// on the chapter's page, in the book's print view and in the chapter's
// own; a code span and a link's text stay as they are.
func TestFigureReferencesLink(t *testing.T) {
	s, _ := buildFixture(t)
	const ref = `<a class="figure-ref" href="`
	for page, wants := range map[string][]string{
		"02-world/index.html": {
			ref + `#figure-2-1">Figure 2.1</a> answers ` +
				ref + `../01-hello/index.html#figure-1-1">Figure 1.1</a> of`,
			ref + "#figure-2-1\">Figure\n2.1</a> shows",
			"<code>Figure 9.9</code>",
			`<a href="../01-hello/index.html#the-greeting">Figure 1.1</a> is`,
		},
		"02-world/print.html": {
			ref + `#figure-2-1">Figure 2.1</a>`,
			ref + `../01-hello/index.html#figure-1-1">Figure 1.1</a>`,
		},
		"print.html": {
			ref + `#02-world--figure-2-1">Figure 2.1</a>`,
			ref + `#01-hello--figure-1-1">Figure 1.1</a>`,
		},
	} {
		html := string(s.Files[page])
		for _, want := range wants {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
	for page, id := range map[string]string{
		"02-world/index.html": `id="figure-2-1"`,
		"01-hello/index.html": `id="figure-1-1"`,
		"print.html":          `id="01-hello--figure-1-1"`,
	} {
		if !strings.Contains(string(s.Files[page]), id) {
			t.Errorf("%s has no %s for the references to reach", page, id)
		}
	}
}

// TestEditionFigureReferencesLink builds the editions of the edition
// fixture, whose chapter 1 says "Figure 1.1 is Figure 0.1 again", and
// finds both links within each document: across files in the EPUB,
// within the whole book's print document; a chapter printed alone
// keeps a reference to another chapter as text.
func TestEditionFigureReferencesLink(t *testing.T) {
	root := editionFixture(t)
	zr, _ := buildEPUB(t, root)
	const ref = `<a class="figure-ref" href="`
	wait := string(zipFiles(t, zr)["EPUB/01-wait.xhtml"])
	if want := ref + `#figure-1">Figure 1.1</a> is ` + ref +
		`00-start.xhtml#figure-1">Figure 0.1</a> again`; !strings.Contains(wait, want) {
		t.Errorf("01-wait.xhtml lacks %s:\n%s", want, wait)
	}
	e, err := loadEdition(root)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := e.printDoc(e.title, append([]*edPage{e.front}, e.chapters...), true)
	if err != nil {
		t.Fatal(err)
	}
	if want := ref + `#01-wait--figure-1">Figure 1.1</a> is ` + ref +
		`#00-start--figure-1">Figure 0.1</a> again`; !strings.Contains(string(whole), want) {
		t.Errorf("the print document lacks %s", want)
	}
	alone, err := e.printDoc("Waiting well", []*edPage{e.bySlug["01-wait"]}, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := ref + `#01-wait--figure-1">Figure 1.1</a> is Figure 0.1 again`; !strings.Contains(string(alone), want) {
		t.Errorf("chapter 1 printed alone lacks %s", want)
	}
}
