package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteRefusesForeignDirectory checks that -o never empties a
// directory the site did not write (such as the repository itself).
func TestWriteRefusesForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(precious, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &Site{Files: map[string][]byte{"index.html": []byte("x")}}
	err := s.Write(dir)
	if err == nil || !strings.Contains(err.Error(), "was not written by site") {
		t.Fatalf("Write into a foreign directory: %v", err)
	}
	if _, err := os.Stat(precious); err != nil {
		t.Errorf("Write removed a file it did not make: %v", err)
	}
}

// TestWriteRemovesStaleFiles writes two builds into one directory and
// checks that the second leaves no file of the first behind.
func TestWriteRemovesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	first := &Site{Files: map[string][]byte{"index.html": []byte("1"), "old/index.html": []byte("1")}}
	second := &Site{Files: map[string][]byte{"index.html": []byte("2"), "new/index.html": []byte("2")}}
	for _, s := range []*Site{first, second} {
		if err := s.Write(dir); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "old", "index.html")); err == nil {
		t.Error("a page of the first build is still there")
	}
	for p, want := range second.Files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s = %q, %v; want %q", p, got, err, want)
		}
	}
}
