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

// solutionFile reports whether the file's //go:build line is false
// without the solutions tag and true with it (other tags and the
// platform taken as satisfied).
func (c *Chapter) solutionFile(path string) bool {
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
				return false
			}
			expr, err := constraint.Parse(text)
			if err != nil {
				return false
			}
			with := expr.Eval(func(string) bool { return true })
			without := expr.Eval(func(tag string) bool { return tag != "solutions" })
			return with && !without
		}
	}
	return false
}
