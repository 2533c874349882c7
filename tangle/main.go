// Tangle extracts the code of the book's chapters into the files the
// chapters name, so that it can be built and tested.
//
// Usage:
//
//	go run ./tangle [-check] [-v] [CHAPTER_DIR...]
//	go run ./tangle -where chapters/NN-slug/FILE:LINE
//
// With no CHAPTER_DIR, tangle reads every chapter the front page
// (chapters/README.md) lists. Errors are printed as
// chapters/NN-slug/README.md:LINE: message, all of them, and nothing is
// written when there is any.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/howserverswait/book/tangle/book"
)

func main() {
	// A short-lived tool: trading memory for fewer collections makes a
	// large book tangle about a fifth faster.
	debug.SetGCPercent(400)
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

// errSilent is returned when the failure has already been printed.
var errSilent = errors.New("failed")

func usage(fs *flag.FlagSet) func() {
	return func() {
		fmt.Fprintf(fs.Output(), "usage: tangle [-check] [-v] [CHAPTER_DIR...]\n       tangle -where chapters/NN-slug/FILE:LINE\n")
		fs.PrintDefaults()
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("tangle", flag.ContinueOnError)
	check := fs.Bool("check", false, "write nothing; fail if any generated file is missing, stale or edited")
	where := fs.String("where", "", "print the Markdown line that produced `FILE:LINE` of generated code")
	verbose := fs.Bool("v", false, "print each file written or removed")
	fs.Usage = usage(fs)
	if err := fs.Parse(args); err != nil {
		return errSilent
	}
	root, err := findRoot()
	if err != nil {
		return err
	}
	if *where != "" {
		return runWhere(root, *where, stdout)
	}
	chapters, err := load(root, fs.Args())
	if err != nil {
		return err
	}
	outputs, err := book.TangleAll(chapters)
	if err != nil {
		return err
	}
	changes, err := book.Plan(root, chapters, outputs)
	if err != nil {
		return err
	}
	if *check {
		return report(changes, stdout)
	}
	if *verbose {
		for _, c := range changes {
			verb := "wrote"
			if c.Output == nil {
				verb = "removed"
			}
			fmt.Fprintf(stdout, "%s %s\n", verb, c.Path)
		}
	}
	return book.Apply(root, changes)
}

// findRoot returns the nearest directory, from here up, that holds
// chapters/README.md.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, book.FrontPath)); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("tangle: no %s here or above; run tangle inside the book", book.FrontPath)
		}
		dir = parent
	}
}

// load reads the named chapters, or the whole book when none is named.
func load(root string, args []string) ([]*book.Chapter, error) {
	if len(args) == 0 {
		b, err := book.Load(root)
		if err != nil {
			return nil, err
		}
		return b.Chapters, nil
	}
	var dirs []string
	for _, a := range args {
		dir, err := chapterDir(root, a)
		if err != nil {
			return nil, err
		}
		dirs = append(dirs, dir)
	}
	return book.LoadChapters(root, dirs)
}

// chapterDir turns a path given on the command line into the chapter
// directory's slash path from root.
func chapterDir(root, arg string) (string, error) {
	abs, err := filepath.Abs(arg)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	parts := strings.Split(rel, "/")
	if len(parts) < 2 || parts[0] != book.ChaptersDir {
		return "", fmt.Errorf("tangle: %s is not a chapter directory (chapters/NN-slug)", arg)
	}
	dir := parts[0] + "/" + parts[1]
	if _, err := os.Stat(filepath.Join(root, dir, "README.md")); err != nil {
		return "", fmt.Errorf("tangle: %s: no README.md", dir)
	}
	return dir, nil
}
