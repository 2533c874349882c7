package main

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestBadInput builds the fixture book with each archive of
// testdata/errors laid over it, and checks that the build fails with
// exactly the archive's "want" errors, as path:line: message.
func TestBadInput(t *testing.T) {
	cases, err := filepath.Glob("testdata/errors/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in testdata/errors: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want string
			overlay := &txtar.Archive{}
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = strings.TrimSpace(string(f.Data))
					continue
				}
				overlay.Files = append(overlay.Files, f)
			}
			root := fixtureBook(t, overlay)
			s, err := Build(root)
			if err == nil {
				t.Fatalf("Build succeeded; want errors:\n%s", want)
			}
			if s != nil {
				t.Errorf("Build returned a site along with its errors")
			}
			if got := strings.TrimSpace(err.Error()); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestKeepGoingShowsErrors builds a broken book with WithKeepGoing, as
// the server does, and checks every page names the error.
func TestKeepGoingShowsErrors(t *testing.T) {
	ar := txtar.Parse([]byte("-- chapters/02-world/README.md --\n# World\n\nSee [nowhere](#nowhere).\n"))
	s, err := Build(fixtureBook(t, ar), WithKeepGoing(true))
	if s == nil || err == nil {
		t.Fatalf("Build = %v, %v; want a site and an error", s, err)
	}
	s.ShowErrors(err)
	const msg = "chapters/02-world/README.md:3: link to missing anchor #nowhere"
	for _, p := range []string{"index.html", "01-hello/index.html", "02-world/index.html"} {
		if !strings.Contains(string(s.Files[p]), msg) {
			t.Errorf("%s does not show %q", p, msg)
		}
	}
}
