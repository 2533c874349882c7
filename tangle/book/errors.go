package book

import (
	"fmt"
	"sort"
	"strings"
)

// An Error is a problem found at a line of a chapter.
type Error struct {
	Path string // slash path from the repository root
	Line int    // 1-based; 0 when the problem is with the whole file
	Msg  string
}

// Error formats the problem as path:line: message.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Errors is a list of problems; it reports all of them at once.
type Errors []*Error

// Add records a problem at path:line.
func (l *Errors) Add(path string, line int, format string, args ...any) {
	*l = append(*l, &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Error lists the problems one a line, sorted by place.
func (l Errors) Error() string {
	var b strings.Builder
	for i, e := range l.sorted() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the sorted, deduplicated list, or nil if it is empty.
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.sorted()
}

func (l Errors) sorted() Errors {
	s := append(Errors(nil), l...)
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && *e == *s[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// appendErr adds err to l, flattening lists.
func (l *Errors) appendErr(err error) {
	switch e := err.(type) {
	case nil:
	case Errors:
		*l = append(*l, e...)
	case *Error:
		*l = append(*l, e)
	default:
		*l = append(*l, &Error{Msg: err.Error()})
	}
}
