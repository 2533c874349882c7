package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chapterSlug names generated chapter i.
func chapterSlug(i int) string { return fmt.Sprintf("%04d-chapter", i) }

// genChapter is the Markdown of generated chapter i: text, three
// sections, a file built from two blocks and a chunk, a test, a table,
// and links to the previous chapter.
func genChapter(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Chapter %d: waiting, again\n\n", i)
	b.WriteString("A server spends most of its life waiting: for a client to connect, for\nbytes to arrive, for room to send. This chapter waits one more way, and\nmeasures what that costs.\n\n")
	if i > 1 {
		fmt.Fprintf(&b, "It builds on [the previous chapter](../%s/#the-loop).\n\n", chapterSlug(i-1))
	}
	b.WriteString("## The loop\n\nThe loop asks the kernel which socket is ready, then serves it:\n\n")
	fmt.Fprintf(&b, "```go file=loop.go\n// Package ch%04d waits.\npackage ch%04d\n\n<<the counter>>\n\n// Loop serves n clients, one at a time.\nfunc Loop(n int) int {\n\ttotal := 0\n\tfor i := 0; i < n; i++ {\n\t\ttotal += Count(i)\n\t}\n\treturn total\n}\n```\n\n", i, i)
	b.WriteString("The counter is a *pure* function, so tests compare against it[^1]:\n\n")
	b.WriteString("```go chunk=\"the counter\"\n// Count says how many bytes client i sends.\nfunc Count(i int) int {\n\tif i%2 == 0 {\n\t\treturn 2 * i\n\t}\n\treturn i + 1\n}\n```\n\n")
	b.WriteString("[^1]: A chunk may be defined in several blocks.\n\n## Measuring it\n\n| clients | bytes |\n| --- | --- |\n| 1 | 1 |\n| 2 | 3 |\n\n")
	b.WriteString("```go file=loop_test.go\npackage " + fmt.Sprintf("ch%04d", i) + "\n\nimport \"testing\"\n\nfunc TestLoop(t *testing.T) {\n\tif got := Loop(2); got != 2 {\n\t\tt.Errorf(\"Loop(2) = %d, want 2\", got)\n\t}\n}\n```\n\n")
	b.WriteString("## Exercises\n\n1. Make `Count` return a constant and watch the test fail.\n2. Measure `Loop(1000)` with `go test -bench`.\n")
	return b.String()
}

// genBook writes a book of n chapters under root.
func genBook(tb testing.TB, root string, n int) {
	tb.Helper()
	var front strings.Builder
	front.WriteString("# A Generated Book\n\nMany chapters, to measure the site.\n\n## Chapters\n\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&front, "%d. [Chapter %d](%s/) — waiting, again.\n", i, i, chapterSlug(i))
	}
	write(tb, filepath.Join(root, "go.mod"), "module example.com/gen\n\ngo 1.26\n")
	write(tb, filepath.Join(root, "chapters", "README.md"), front.String())
	for i := 1; i <= n; i++ {
		write(tb, filepath.Join(root, "chapters", chapterSlug(i), "README.md"), genChapter(i))
	}
}

func write(tb testing.TB, p, text string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// TestGeneratedBookBuilds checks the benchmark's book is a correct book
// whose links all resolve, so the benchmark measures a real build.
func TestGeneratedBookBuilds(t *testing.T) {
	root := t.TempDir()
	genBook(t, root, 12)
	s, err := Build(root, WithInlineNav(5))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	problems, _, err := checkLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
