package book

import "testing"

func TestProofAndSolutionRoles(t *testing.T) {
	src := "# R\n\n" +
		"```go file=a.go\npackage a\n\n<<shared>>\n```\n\n" +
		"```go chunk=shared\nconst S = 1\n```\n\n" +
		"```go file=a_test.go\npackage a\n\n<<helper>>\n```\n\n" +
		"```go chunk=helper\nconst H = 2\n```\n\n" +
		"```go file=solutions_test.go\n//go:build solutions && linux\n\npackage a\n```\n\n" +
		"```go file=b_test.go\n//go:build linux\n\npackage a\n```\n\n" +
		"```go display\nx := 1\n```\n"
	c, err := ParseChapter("chapters/01-r", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ proof, solution bool }{
		{false, false}, // a.go
		{false, false}, // chunk used by a.go
		{true, false},  // a_test.go
		{true, false},  // chunk used only by a test file
		{true, true},   // solutions_test.go
		{true, false},  // b_test.go: linux is not the solutions tag
		{false, false}, // display
	}
	if len(c.Blocks) != len(want) {
		t.Fatalf("%d blocks, want %d", len(c.Blocks), len(want))
	}
	for i, b := range c.Blocks {
		if got := c.IsProof(b); got != want[i].proof {
			t.Errorf("block %d: IsProof = %v, want %v", i+1, got, want[i].proof)
		}
		if got := c.IsSolution(b); got != want[i].solution {
			t.Errorf("block %d: IsSolution = %v, want %v", i+1, got, want[i].solution)
		}
	}
}

func TestOtherSystemsRole(t *testing.T) {
	src := "# R\n\n" +
		"```go file=a_linux.go\npackage a\n```\n\n" +
		"```go file=a_darwin.go\npackage a\n```\n\n" +
		"```go file=kq_bsd.go\n//go:build darwin || freebsd\n\npackage a\n```\n\n" +
		"```go file=other.go\n//go:build !linux\n\npackage a\n```\n\n" +
		"```go file=sol_test.go\n//go:build solutions && linux\n\npackage a\n```\n\n" +
		"```go file=plain.go\npackage a\n```\n"
	c, err := ParseChapter("chapters/01-r", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{false, true, true, true, false, false}
	for i, b := range c.Blocks {
		if got := c.IsOtherSystems(b); got != want[i] {
			t.Errorf("block %d (%s): IsOtherSystems = %v, want %v", i+1, b.File, got, want[i])
		}
	}
}
