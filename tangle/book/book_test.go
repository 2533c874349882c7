package book

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

func mustParse(t testing.TB, src string) *Chapter {
	t.Helper()
	c, err := ParseChapter("chapters/01-t", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return c
}

func tangleOne(t testing.TB, c *Chapter) map[string]string {
	t.Helper()
	outs, err := c.Tangle()
	if err != nil {
		t.Fatalf("tangle: %v", err)
	}
	m := map[string]string{}
	for _, o := range outs {
		m[o.File.Path] = string(o.Content)
	}
	return m
}

func TestFinalFenceWithoutNewline(t *testing.T) {
	for _, src := range []string{
		"# T\n\n```go file=a.go\npackage a\n```",
		"# T\n\n```go file=a.go\npackage a\n",                // unclosed: runs to the end
		"# T\r\n\r\n```go file=a.go\r\npackage a\r\n```\r\n", // CRLF
	} {
		got := tangleOne(t, mustParse(t, src))["a.go"]
		if !strings.HasSuffix(got, "\n//line chapters/01-t/README.md:4\npackage a\n") {
			t.Errorf("%q tangled to:\n%s", src, got)
		}
	}
}

func TestReferenceIndentation(t *testing.T) {
	c := mustParse(t, "# T\n\n```text file=a.txt\nbegin\n  <<inner>>\nend\n```\n\n```text chunk=inner\nx\n\n  y\n```\n")
	got := tangleOne(t, c)["a.txt"]
	if want := "begin\n  x\n\n    y\nend\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestChunkUsersAndOrigins(t *testing.T) {
	c := mustParse(t, "# T\n\n```go file=a.go\npackage a\n\n<<c>>\n```\n\n```go chunk=c\nconst A = 1\n```\n\n```go chunk=c\nconst B = 2\n```\n")
	ch := c.Chunks["c"]
	if len(ch.Blocks) != 2 || len(ch.Users) != 1 || ch.Users[0] != c.Blocks[0] {
		t.Fatalf("chunk c: %d blocks, users %v", len(ch.Blocks), ch.Users)
	}
	outs, _ := c.Tangle()
	o := outs[0]
	lines := strings.Split(string(o.Content), "\n")
	for i, l := range lines {
		if l == "const B = 2" {
			origin, _ := o.Where(i + 1)
			if origin.Line != 14 || origin.Chunk() != "c" || origin.Block != c.Blocks[2] {
				t.Errorf("const B comes from line %d chunk %q", origin.Line, origin.Chunk())
			}
			return
		}
	}
	t.Fatalf("no const B in:\n%s", o.Content)
}

// TestDeterministic tangles the golden books many times at once: the
// bytes never change with scheduling.
func TestDeterministic(t *testing.T) {
	srcs := goldenChapters(t)
	for _, src := range srcs {
		c, err := ParseChapter("chapters/01-t", src)
		if err != nil {
			continue
		}
		first, err := c.Tangle()
		if err != nil {
			continue
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				c2, _ := ParseChapter("chapters/01-t", src)
				outs, _ := c2.Tangle()
				for i, o := range outs {
					if !bytes.Equal(o.Content, first[i].Content) {
						t.Errorf("run differs for %s", o.Path)
					}
				}
			})
		}
		wg.Wait()
	}
}

// goldenChapters returns every chapter text in ../testdata/*.txtar.
func goldenChapters(t testing.TB) [][]byte {
	files, _ := filepath.Glob("../testdata/*.txtar")
	var srcs [][]byte
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, "/README.md") && strings.Count(file.Name, "/") == 2 {
				srcs = append(srcs, file.Data)
			}
		}
	}
	if len(srcs) == 0 {
		t.Fatal("no golden chapters")
	}
	return srcs
}

// FuzzTangle feeds arbitrary Markdown to the parser and tangler: they
// never panic, every output line has an origin, and tangling the same
// input twice gives the same bytes.
func FuzzTangle(f *testing.F) {
	for _, src := range goldenChapters(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := ParseChapter("chapters/01-f", src)
		if c == nil {
			t.Fatalf("nil chapter (err %v)", err)
		}
		if err != nil {
			return
		}
		a, errA := c.Tangle()
		c2, _ := ParseChapter("chapters/01-f", src)
		b, errB := c2.Tangle()
		if (errA == nil) != (errB == nil) || len(a) != len(b) {
			t.Fatalf("runs disagree: %v / %v", errA, errB)
		}
		for i := range a {
			if !bytes.Equal(a[i].Content, b[i].Content) {
				t.Fatalf("%s differs between runs", a[i].Path)
			}
			if n := bytes.Count(a[i].Content, []byte("\n")); n != len(a[i].Lines) {
				t.Fatalf("%s: %d lines, %d origins", a[i].Path, n, len(a[i].Lines))
			}
		}
	})
}

// syntheticChapter is a chapter of n blocks: one file and n-1 chunks,
// each a small function, as a generated book for benchmarks.
func syntheticChapter(i, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Chapter %d\n\nSome prose about chapter %d.\n\n```go file=code.go\npackage c%d\n\nimport \"fmt\"\n\n", i, i, i)
	for j := 1; j < n; j++ {
		fmt.Fprintf(&b, "<<part %d>>\n\n", j)
	}
	b.WriteString("```\n\n")
	for j := 1; j < n; j++ {
		fmt.Fprintf(&b, "Part %d explains a function.\n\n```go chunk=\"part %d\"\n// F%d prints its number.\nfunc F%d(x int) string {\n\tif x > %d {\n\t\treturn fmt.Sprint(x)\n\t}\n\treturn \"small\"\n}\n```\n\n", j, j, j, j, j)
	}
	return b.Bytes()
}

// BenchmarkTangleBook parses and tangles (gofmt included) a generated
// book of 10, 100 and 1,000 chapters of 20 blocks each; time per
// chapter stays flat as the book grows.
func BenchmarkTangleBook(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		srcs := make([][]byte, n)
		for i := range srcs {
			srcs[i] = syntheticChapter(i, 20)
		}
		b.Run(fmt.Sprintf("chapters=%d", n), func(b *testing.B) {
			for b.Loop() {
				chapters := make([]*Chapter, n)
				parallel(n, func(i int) {
					chapters[i], _ = ParseChapter(fmt.Sprintf("chapters/%04d-c", i), srcs[i])
				})
				if _, err := TangleAll(chapters); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e3, "µs/chapter")
		})
	}
}

// BenchmarkTangleBookOnDisk is the whole command on a 1,000-chapter
// book that is up to date: load from disk, tangle, compare with the
// files already there, write nothing.
func BenchmarkTangleBookOnDisk(b *testing.B) {
	const n = 1000
	root := b.TempDir()
	var front bytes.Buffer
	front.WriteString("# Big book\n\n")
	for i := range n {
		dir := filepath.Join(root, "chapters", fmt.Sprintf("%04d-c", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "README.md"), syntheticChapter(i, 20), 0o644); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(&front, "1. [C%d](%04d-c/)\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(root, FrontPath), front.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	tangleOnDisk(b, root) // the first run writes every file
	for b.Loop() {
		tangleOnDisk(b, root) // the book is up to date: nothing to write
	}
}

func tangleOnDisk(b *testing.B, root string) {
	{
		bk, err := Load(root)
		if err != nil {
			b.Fatal(err)
		}
		outs, err := TangleAll(bk.Chapters)
		if err != nil {
			b.Fatal(err)
		}
		changes, err := Plan(root, bk.Chapters, outs)
		if err != nil {
			b.Fatal(err)
		}
		if err := Apply(root, changes); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExponentialExpansionIsRefused builds chunks that each use the
// next one twice: 2^40 lines are refused, not attempted.
func TestExponentialExpansionIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("# T\n\n```text file=big.txt\n<<c0>>\n```\n")
	for i := range 40 {
		fmt.Fprintf(&b, "\n```text chunk=c%d\n<<c%d>>\n<<c%d>>\n```\n", i, i+1, i+1)
	}
	b.WriteString("\n```text chunk=c40\nx\n```\n")
	c := mustParse(t, b.String())
	_, err := c.Tangle()
	want := "chapters/01-t/README.md:3: file big.txt: chunk references expand to over 1048576 lines; is a chunk used many times over?"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestEmptyGoFile(t *testing.T) {
	c := mustParse(t, "# T\n\n```go file=a.go\n```\n")
	_, err := c.Tangle()
	if want := "chapters/01-t/README.md:3: file a.go is empty"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestUndefinedChunkIsOneError: the reference is reported once, by the
// parser, and tangling does not add a Go syntax error for it.
func TestUndefinedChunkIsOneError(t *testing.T) {
	c, err := ParseChapter("chapters/01-t", []byte("# T\n\n```go file=a.go\npackage a\n\n<<missing>>\n```\n"))
	if want := `chapters/01-t/README.md:6: undefined chunk "missing"`; err == nil || err.Error() != want {
		t.Errorf("parse: %v, want %s", err, want)
	}
	if _, err := c.Tangle(); err != nil {
		t.Errorf("tangle added: %v", err)
	}
}

// TestBlankLinesHaveNoOrigin: blank lines come from no Markdown line
// in particular, and say so, rather than pointing at a fence.
func TestBlankLinesHaveNoOrigin(t *testing.T) {
	c := mustParse(t, "# T\n\n```go file=a.go\npackage a\n```\n\n```go file=a.go\nfunc A() {}\n```\n")
	outs, _ := c.Tangle()
	for i, l := range strings.Split(strings.TrimSuffix(string(outs[0].Content), "\n"), "\n") {
		o, _ := outs[0].Where(i + 1)
		if blank := strings.TrimSpace(l) == ""; blank != (o.Block == nil) && !strings.HasPrefix(l, "//") {
			t.Errorf("line %d %q has origin %+v", i+1, l, o)
		}
	}
}

// TestSameBytesWhateverTheCores tangles with one and with four
// workers: the outputs are identical.
func TestSameBytesWhateverTheCores(t *testing.T) {
	var srcs []*Chapter
	for i, src := range goldenChapters(t) {
		if c, err := ParseChapter(fmt.Sprintf("chapters/%02d-t", i), src); err == nil {
			srcs = append(srcs, c)
		}
	}
	tangleWith := func(procs int) [][]*Output {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		outs, _ := TangleAll(srcs)
		return outs
	}
	one, four := tangleWith(1), tangleWith(4)
	for i := range one {
		for j := range one[i] {
			if !bytes.Equal(one[i][j].Content, four[i][j].Content) {
				t.Errorf("%s differs between 1 and 4 workers", one[i][j].Path)
			}
		}
	}
}

// TestOnePassUnlessGofmtMovesALine: a chapter whose code gofmt keeps
// line for line is formatted once; two blank lines that gofmt makes
// one send the file through the second placement, and the directives
// still come out right.
func TestOnePassUnlessGofmtMovesALine(t *testing.T) {
	before := placedAgain.Load()
	tangleOne(t, mustParse(t, string(syntheticChapter(1, 20))))
	if n := placedAgain.Load() - before; n != 0 {
		t.Errorf("a gofmt'd chapter was placed again %d times", n)
	}
	got := tangleOne(t, mustParse(t, "# T\n\n```go file=a.go\npackage a\n\nvar A = 1\n\n\nvar B = 2\n```\n"))["a.go"]
	if n := placedAgain.Load() - before; n != 1 {
		t.Errorf("two blank lines: placed again %d times, want 1", n)
	}
	if !strings.Contains(got, "\n//line chapters/01-t/README.md:9\nvar B = 2\n") {
		t.Errorf("var B misplaced:\n%s", got)
	}
}
