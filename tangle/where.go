package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/howserverswait/book/tangle/book"
)

// runWhere answers which Markdown line produced FILE:LINE.
func runWhere(root, arg string, w io.Writer) error {
	file, num, ok := strings.Cut(arg, ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 {
		return fmt.Errorf("tangle: -where wants FILE:LINE, such as chapters/01-blocking/server.go:42")
	}
	dir, err := chapterDir(root, file)
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(file)
	rel, _ := filepath.Rel(root, abs)
	target := filepath.ToSlash(rel)
	chapters, err := book.LoadChapters(root, []string{dir})
	if err != nil {
		return err
	}
	outs, err := chapters[0].Tangle()
	if err != nil {
		return err
	}
	for _, o := range outs {
		if o.Path != target {
			continue
		}
		origin, err := o.Where(n)
		if err != nil {
			return fmt.Errorf("tangle: %v", err)
		}
		if origin.Block == nil {
			fmt.Fprintf(w, "%s:%d is a line tangle added (the header, a //line directive or a blank line)\n", target, n)
			return nil
		}
		what := "file " + o.File.Path
		if c := origin.Chunk(); c != "" {
			what = fmt.Sprintf("chunk %q", c)
		}
		fmt.Fprintf(w, "%s:%d (%s)\n", origin.Block.Chapter.Path, origin.Line, what)
		// The site's anchor for that line: following it opens the block
		// even where the page shows it folded (a proof, a long tail).
		fmt.Fprintf(w, "on the site: %s/index.html#L%d\n", origin.Block.Chapter.Slug(), origin.Line)
		if disk, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(target))); err == nil && !bytes.Equal(disk, o.Content) {
			fmt.Fprintf(w, "note: %s on disk differs from what the chapter tangles to; run make tangle\n", target)
		}
		return nil
	}
	return fmt.Errorf("tangle: %s is not a file that %s produces", target, chapters[0].Path)
}
