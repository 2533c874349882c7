package book

import (
	"go/build/constraint"
	"sort"
	"strings"
)

// Targets reports the files a block's code ends up in, sorted: its own
// file, or, for a chunk, the files of every block that uses the chunk,
// followed through chunks that use chunks. A block that is not tangled
// has none.
func (c *Chapter) Targets(b *Block) []string {
	seen := map[*Block]bool{}
	files := map[string]bool{}
	var walk func(b *Block)
	walk = func(b *Block) {
		if seen[b] {
			return
		}
		seen[b] = true
		switch {
		case b.File != "":
			files[b.File] = true
		case b.Chunk != "":
			if ch := c.Chunks[b.Chunk]; ch != nil {
				for _, u := range ch.Users {
					walk(u)
				}
			}
		}
	}
	walk(b)
	out := make([]string, 0, len(files))
	for f := range files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// IsProof reports whether a block is a proof: tangled only into Go
// test files (names ending in _test.go). The site folds proofs unless
// the block is marked open.
func (c *Chapter) IsProof(b *Block) bool {
	t := c.Targets(b)
	if len(t) == 0 {
		return false
	}
	for _, f := range t {
		if !strings.HasSuffix(f, "_test.go") {
			return false
		}
	}
	return true
}

// IsSolution reports whether a block is part of an exercise's
// solution: tangled only into Go files whose build constraint needs
// the solutions tag. The student's edition leaves solutions out.
func (c *Chapter) IsSolution(b *Block) bool {
	t := c.Targets(b)
	if len(t) == 0 {
		return false
	}
	for _, f := range t {
		if !c.solutionFile(f) {
			return false
		}
	}
	return true
}

// IsOtherSystems reports whether a block is code for other systems
// only: tangled only into Go files that never build on Linux, by their
// name (x_darwin.go) or their //go:build line (!linux, darwin ||
// freebsd). The book is Linux-first; the site folds such blocks.
func (c *Chapter) IsOtherSystems(b *Block) bool {
	t := c.Targets(b)
	if len(t) == 0 {
		return false
	}
	for _, f := range t {
		if c.buildsOnLinux(f) {
			return false
		}
	}
	return true
}

// otherGOOS are the systems a file name's _GOOS suffix can name, bar
// linux and android (which builds linux files too).
var otherGOOS = []string{"aix", "darwin", "dragonfly", "freebsd", "illumos",
	"ios", "js", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows"}

// buildsOnLinux reports whether a Go file is built on linux/amd64 with
// any tags besides the platform's (solutions included).
func (c *Chapter) buildsOnLinux(path string) bool {
	if !strings.HasSuffix(path, ".go") {
		return true
	}
	name := strings.TrimSuffix(strings.TrimSuffix(path[strings.LastIndex(path, "/")+1:], ".go"), "_test")
	for _, goos := range otherGOOS {
		if strings.HasSuffix(name, "_"+goos) || strings.Contains(name, "_"+goos+"_") {
			return false
		}
	}
	expr := c.buildLine(path)
	if expr == nil {
		return true
	}
	platform := map[string]bool{"darwin": false, "freebsd": false, "netbsd": false,
		"openbsd": false, "dragonfly": false, "windows": false, "plan9": false,
		"solaris": false, "illumos": false, "aix": false, "js": false, "wasip1": false,
		"ios": false, "android": false}
	return expr.Eval(func(tag string) bool {
		if tag == "linux" || tag == "unix" || tag == "amd64" {
			return true
		}
		if v, ok := platform[tag]; ok {
			return v
		}
		return !strings.HasSuffix(tag, "bsd") // cgo, solutions, go1.x
	})
}

// buildLine is a Go file's //go:build expression, or nil.
func (c *Chapter) buildLine(path string) constraint.Expr {
	for _, f := range c.Files {
		if f.Path != path || f.Lang != "go" || len(f.Blocks) == 0 {
			continue
		}
		for _, l := range f.Blocks[0].Code {
			text := strings.TrimSpace(l.Text)
			if text == "" || strings.HasPrefix(text, "//") && !constraint.IsGoBuild(text) {
				continue
			}
			if !constraint.IsGoBuild(text) {
				return nil
			}
			expr, err := constraint.Parse(text)
			if err != nil {
				return nil
			}
			return expr
		}
	}
	return nil
}

// solutionFile reports whether the file's //go:build line is false
// without the solutions tag and true with it (other tags and the
// platform taken as satisfied).
func (c *Chapter) solutionFile(path string) bool {
	expr := c.buildLine(path)
	if expr == nil {
		return false
	}
	with := expr.Eval(func(string) bool { return true })
	without := expr.Eval(func(tag string) bool { return tag != "solutions" })
	return with && !without
}
