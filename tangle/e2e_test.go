package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// e2eChapter has a bug its own test finds, a panic, a type error in
// a chunk and a vet finding, each at a known Markdown line.
const e2eChapter = "# E2E\n" + // 1
	"\n" + // 2
	"```go file=e2e.go\n" + // 3
	"package e2e\n" + // 4
	"\n" + // 5
	"import \"fmt\"\n" + // 6
	"\n" + // 7
	"<<double>>\n" + // 8
	"\n" + // 9
	"func Show(n int) string { return fmt.Sprintf(\"%s\", n) } // vet\n" + // 10
	"```\n" + // 11
	"\n" + // 12
	"```go chunk=double\n" + // 13
	"// Double doubles n.\n" + // 14
	"func Double(n int) int {\n" + // 15
	"\treturn n * 3 // the bug the test finds\n" + // 16
	"}\n" + // 17
	"```\n" + // 18
	"\n" + // 19
	"```go file=e2e_test.go\n" + // 20
	"package e2e\n" + // 21
	"\n" + // 22
	"import \"testing\"\n" + // 23
	"\n" + // 24
	"func TestDouble(t *testing.T) {\n" + // 25
	"\t<<check double>>\n" + // 26
	"}\n" + // 27
	"\n" + // 28
	"func TestPanic(t *testing.T) {\n" + // 29
	"\tvar m map[string]int\n" + // 30
	"\tm[\"boom\"] = 1\n" + // 31
	"}\n" + // 32
	"```\n" + // 33
	"\n" + // 34
	"```go chunk=\"check double\"\n" + // 35
	"if got := Double(2); got != 4 {\n" + // 36
	"\tt.Errorf(\"Double(2) = %d, want 4\", got)\n" + // 37
	"}\n" + // 38
	"```\n" // 39

// TestEndToEnd tangles a chapter into a module, then runs the Go tools
// on it: a failing test, a panic's stack trace, a compile error and a
// vet finding must all name README.md and the right line.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"go.mod":                    []byte("module e2e\n\ngo 1.26\n"),
		"chapters/README.md":        []byte("# Book\n\n1. [E2E](01-e2e/)\n"),
		"chapters/01-e2e/README.md": []byte(e2eChapter),
	})
	t.Chdir(dir)
	var out bytes.Buffer
	if err := run(nil, &out); err != nil {
		t.Fatalf("tangle: %v", err)
	}
	const md = "chapters/01-e2e/README.md"
	goCmd := func(args ...string) string {
		cmd := exec.Command(goTool, args...)
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		b, _ := cmd.CombinedOutput()
		return string(b)
	}

	test := goCmd("test", "-vet=off", "./chapters/01-e2e/")
	wantIn(t, "t.Errorf", test, "README.md:37: Double(2) = 6, want 4")
	wantIn(t, "panic trace", test, md+":31 ")

	// go vet reads //line through go/scanner, which joins a relative
	// name to the file's directory (Go issue 26671): the line is right
	// and the directory repeated, as the README says.
	vet := goCmd("vet", "./chapters/01-e2e/")
	wantIn(t, "go vet", vet, "chapters/01-e2e/"+md+":10:")

	// A type error inside the chunk: the compiler names its line.
	broken := strings.Replace(e2eChapter, "return n * 3", `return "three"`, 1)
	if err := os.WriteFile(filepath.FromSlash(md), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(nil, &out); err != nil {
		t.Fatalf("tangle: %v", err)
	}
	build := goCmd("build", "./chapters/01-e2e/")
	wantIn(t, "compile error", build, md+":16:")

	// -where answers for a line of the generated code.
	out.Reset()
	line := lineOf(t, "chapters/01-e2e/e2e.go", `return "three"`)
	if err := run([]string{"-where", fmt.Sprintf("chapters/01-e2e/e2e.go:%d", line)}, &out); err != nil {
		t.Fatal(err)
	}
	wantIn(t, "-where", out.String(), md+`:16 (chunk "double")`)
	wantIn(t, "-where", out.String(), "on the site: 01-e2e/index.html#L16")
}

func wantIn(t *testing.T, what, output, want string) {
	t.Helper()
	if !strings.Contains(output, want) {
		t.Errorf("%s: output lacks %q:\n%s", what, want, output)
	}
}

// lineOf returns the number of the first line of file containing s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(file))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}
