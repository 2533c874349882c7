package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/howserverswait/book/tangle/book"
)

// report prints each pending change with a short diff and fails if
// there is any.
func report(changes []*book.Change, w io.Writer) error {
	if len(changes) == 0 {
		return nil
	}
	for _, c := range changes {
		fmt.Fprintf(w, "%s: %s\n", c.Path, c.Kind())
		var want []byte
		if c.Output != nil {
			want = c.Output.Content
		}
		fmt.Fprint(w, shortDiff(string(c.Old), string(want), 8))
	}
	fmt.Fprintf(w, "tangle: %d generated file(s) out of date; run make tangle\n", len(changes))
	return errSilent
}

// shortDiff shows the region where two texts differ: the lines of old
// that go and the lines of new that come, at most max of each.
func shortDiff(old, new string, max int) string {
	a, b := lines(old), lines(new)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "  @@ line %d @@\n", pre+1)
	show := func(sign string, ls []string) {
		for i, l := range ls {
			if i == max {
				fmt.Fprintf(&sb, "  %s... %d more line(s)\n", sign, len(ls)-max)
				break
			}
			fmt.Fprintf(&sb, "  %s%s\n", sign, l)
		}
	}
	show("-", a[pre:len(a)-suf])
	show("+", b[pre:len(b)-suf])
	return sb.String()
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
