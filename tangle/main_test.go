package main

import (
	"bytes"
	"flag"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in testdata/*.txtar")

// Each testdata/*.txtar file is a small book: its files are the input,
// except want/PATH (a file tangle must write at PATH) and want-errors
// (the exact error output; when present, nothing may be written).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		abs, err := filepath.Abs(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runGolden(t, abs)
		})
	}
}

func runGolden(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	inputs := map[string][]byte{}
	for _, f := range ar.Files {
		if f.Name == "want-errors" || strings.HasPrefix(f.Name, "want/") {
			continue
		}
		inputs[f.Name] = f.Data
	}
	if _, ok := inputs["chapters/README.md"]; !ok {
		inputs["chapters/README.md"] = frontPage(inputs)
	}
	writeTree(t, dir, inputs)
	before := readTree(t, dir)
	var stdout bytes.Buffer
	t.Chdir(dir)
	err = run(nil, &stdout)
	gotErrs := ""
	if err != nil {
		gotErrs = err.Error() + "\n"
	}
	after := readTree(t, dir)
	got := map[string][]byte{}
	for name, data := range after {
		if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
			got[name] = data
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			got[name] = []byte("(removed)\n")
		}
	}
	if gotErrs != "" && len(got) > 0 {
		t.Errorf("tangle failed yet changed files: %v", keys(got))
	}
	if *update {
		rewriteGolden(t, file, ar, gotErrs, got)
		return
	}
	compareGolden(t, ar, gotErrs, got)
	checkGofmt(t, got)
	if gotErrs == "" {
		checkIdempotent(t)
	}
}

func compareGolden(t *testing.T, ar *txtar.Archive, gotErrs string, got map[string][]byte) {
	t.Helper()
	wantErrs := ""
	want := map[string][]byte{}
	for _, f := range ar.Files {
		switch {
		case f.Name == "want-errors":
			wantErrs = string(f.Data)
		case strings.HasPrefix(f.Name, "want/"):
			want[strings.TrimPrefix(f.Name, "want/")] = f.Data
		}
	}
	if gotErrs != wantErrs {
		t.Errorf("errors:\n got: %s\nwant: %s", gotErrs, wantErrs)
	}
	for _, name := range keys(want) {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s:\n--- got ---\n%s--- want ---\n%s", name, got[name], want[name])
		}
	}
	for _, name := range keys(got) {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected output %s:\n%s", name, got[name])
		}
	}
}

// checkGofmt proves generated Go is already gofmt'd: formatting it
// again, //line directives and all, changes nothing.
func checkGofmt(t *testing.T, got map[string][]byte) {
	t.Helper()
	for name, data := range got {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		formatted, err := format.Source(data)
		if err != nil {
			t.Errorf("%s does not parse: %v", name, err)
		} else if !bytes.Equal(formatted, data) {
			t.Errorf("%s is not gofmt'd:\n%s", name, formatted)
		}
	}
}

// checkIdempotent tangles again: nothing may change, and -check agrees.
func checkIdempotent(t *testing.T) {
	t.Helper()
	before := readTree(t, ".")
	var out bytes.Buffer
	if err := run(nil, &out); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if after := readTree(t, "."); !equalTrees(before, after) {
		t.Errorf("second run changed files")
	}
	if err := run([]string{"-check"}, &out); err != nil {
		t.Errorf("-check after tangle: %v\n%s", err, out.String())
	}
}

func rewriteGolden(t *testing.T, file string, ar *txtar.Archive, gotErrs string, got map[string][]byte) {
	var files []txtar.File
	for _, f := range ar.Files {
		if f.Name != "want-errors" && !strings.HasPrefix(f.Name, "want/") {
			files = append(files, f)
		}
	}
	if gotErrs != "" {
		files = append(files, txtar.File{Name: "want-errors", Data: []byte(gotErrs)})
	}
	for _, name := range keys(got) {
		files = append(files, txtar.File{Name: "want/" + name, Data: got[name]})
	}
	ar.Files = files
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// frontPage lists every chapter directory among the inputs, for
// golden files that do not bring their own front page.
func frontPage(inputs map[string][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("# Test book\n\n")
	for _, name := range keys(inputs) {
		dir, ok := strings.CutSuffix(name, "/README.md")
		slug := strings.TrimPrefix(dir, "chapters/")
		if ok && slug != dir && !strings.Contains(slug, "/") {
			b.WriteString("1. [" + slug + "](" + slug + "/)\n")
		}
	}
	return b.Bytes()
}

func writeTree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every regular file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
