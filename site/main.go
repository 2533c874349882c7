// Site renders the book's chapters into a static web site: one page a
// chapter, with literate cross-references, the files tangle makes,
// an index of the Go identifiers, search and a print view.
//
// Usage:
//
//	go run ./site [-o DIR] [-solutions] [-unsafe-html]
//	go run ./site -serve [-addr 127.0.0.1:8000]
//	go run ./site [-o DIR] -epub -pdf [-proofs]
//
// Run it from the repository root (or anywhere under it). Errors in
// the book are printed as chapters/NN-slug/README.md:LINE: message and
// nothing is written.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("site", flag.ContinueOnError)
	out := fs.String("o", "public", "write the site into `DIR`")
	serve := fs.Bool("serve", false, "serve the site, rebuilding it when a chapter changes")
	addr := fs.String("addr", "127.0.0.1:8000", "the address -serve listens on")
	unsafe := fs.Bool("unsafe-html", false, "let raw HTML in the Markdown through (off: a chapter cannot inject script)")
	solutions := fs.Bool("solutions", false, "build the instructor's edition, with the exercises' solutions (the default leaves them out)")
	reading := fs.Bool("reading", false, "print each chapter's reading time, its words and lines of code, instead of writing the site")
	keep := fs.Bool("keep-going", false, "write the site even when the book has errors, showing them on every page")
	var ed editionFlags
	fs.BoolVar(&ed.epub, "epub", false, "write the EPUB edition, DIR/"+epubName+", instead of the site")
	fs.BoolVar(&ed.pdf, "pdf", false, "write the PDF edition, DIR/"+pdfName+" and a PDF a chapter in DIR/"+pdfDir+"/, instead of the site")
	fs.BoolVar(&ed.proofs, "proofs", false, "keep every proof in the EPUB and PDF editions")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: site [-o DIR] [-solutions] [-unsafe-html] [-keep-going]\n       site -serve [-addr HOST:PORT] [-solutions]\n       site [-o DIR] -epub -pdf [-proofs]\n       site -reading\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return flag.ErrHelp
	}
	root, err := findRoot()
	if err != nil {
		return err
	}
	if ed.epub || ed.pdf {
		dir := *out
		if !flagSet(fs, "o") {
			dir = filepath.Join(root, dir)
		}
		return writeEditions(root, dir, ed, stdout)
	}
	opts := []Option{WithUnsafeHTML(*unsafe), WithKeepGoing(*keep), WithSolutions(*solutions)}
	if *serve {
		return serveBook(root, *addr, stdout, opts...)
	}
	start := time.Now()
	s, err := Build(root, opts...)
	if s == nil {
		return err
	}
	if *reading {
		for _, r := range s.Reading {
			fmt.Fprintf(stdout, "%-16s %3d min  %6d words  %5d lines", r.Slug, r.Minutes, r.Words, r.Lines)
			if r.AppendixMinutes > 0 {
				fmt.Fprintf(stdout, "  (appendix: %d min more)", r.AppendixMinutes)
			}
			fmt.Fprintln(stdout)
		}
		return err
	}
	if err != nil {
		s.ShowErrors(err)
		fmt.Fprintf(os.Stderr, "%v\nsite: the book has errors; writing the site anyway (-keep-going)\n", err)
	}
	dir := *out
	if !flagSet(fs, "o") {
		dir = filepath.Join(root, dir) // public/ at the root, from anywhere
	}
	if err := s.Write(dir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "site: %d files in %s (%v); open %s\n", len(s.Files), *out,
		time.Since(start).Round(time.Millisecond), filepath.Join(*out, "index.html"))
	return nil
}

// flagSet reports whether the command line gave the flag.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// findRoot walks up from the working directory to the directory
// holding go.mod and chapters/.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "chapters", "README.md")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("site: no chapters/README.md here or above; run it inside the repository")
		}
		dir = parent
	}
}
