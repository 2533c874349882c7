package main

import (
	"bytes"
	_ "embed"

	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

//go:embed edition.css
var editionBaseCSS []byte

//go:embed edition_print.css
var editionPrintCSS []byte

// editionCSS is the editions' style sheet: the base rules, the site's
// light code colours (chroma's classes, as the site highlights), and
// for print the page rules.
func editionCSS(print bool) ([]byte, error) {
	var b bytes.Buffer
	b.Write(editionBaseCSS)
	b.WriteString("/* Code colours: chroma " + lightStyle + ". */\n")
	f := chtml.New(chtml.WithClasses(true), chtml.WithAllClasses(true), chtml.WithCSSComments(false))
	if err := f.WriteCSS(&b, styles.Get(lightStyle)); err != nil {
		return nil, err
	}
	if print {
		b.Write(editionPrintCSS)
	}
	return b.Bytes(), nil
}
