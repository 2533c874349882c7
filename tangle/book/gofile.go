package book

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"go/scanner"
	"go/token"
	"strings"
)

// renderGo formats a Go file and adds //line directives, so that the
// compiler, go vet, tests and stack traces name the Markdown lines.
//
// gofmt may change white space, blank lines, the order of imports and
// the layout of doc comments, so directives are not carried through
// it: the formatted lines are matched back to the raw ones, and a
// directive goes before each code line whose origin breaks the run.
func (c *Chapter) renderGo(out *Output, raw []rawLine) error {
	if len(raw) == 0 {
		return &Error{Path: c.Path, Line: out.File.Blocks[0].Line, Msg: fmt.Sprintf("file %s is empty", out.File.Path)}
	}
	var src bytes.Buffer
	for _, l := range raw {
		src.WriteString(l.text)
		src.WriteByte('\n')
	}
	formatted, err := format.Source(src.Bytes())
	if err != nil {
		return c.goErrors(err, raw)
	}
	lines := splitLines(formatted)
	origins := matchLines(lines, raw)
	content, outLines := addDirectives(headerLine(c.Path), lines, origins)
	// A directive is a comment, and gofmt lays comments out: it may
	// add a blank line before a declaration that now has one, or end
	// an aligned block of fields at it. Format again, and carry the
	// origins over to the lines that moved.
	again, err := format.Source(content)
	if err != nil {
		return &Error{Path: c.Path, Line: raw[0].origin.Line, Msg: "tangle: formatting with //line directives: " + err.Error()}
	}
	if !bytes.Equal(again, content) {
		prev := make([]rawLine, len(outLines))
		for i, l := range splitLines(content) {
			prev[i] = rawLine{l, outLines[i]}
		}
		outLines = matchLines(splitLines(again), prev)
		content = again
	}
	out.Content, out.Lines, out.Header = content, outLines, true
	return nil
}

// goErrors maps syntax errors in the raw file to Markdown lines.
func (c *Chapter) goErrors(err error, raw []rawLine) error {
	var list scanner.ErrorList
	if !errors.As(err, &list) {
		return &Error{Path: c.Path, Line: raw[0].origin.Line, Msg: err.Error()}
	}
	var errs Errors
	for _, e := range list {
		line := raw[len(raw)-1].origin.Line
		if n := e.Pos.Line; n >= 1 && n <= len(raw) {
			line = raw[n-1].origin.Line
		}
		errs.Add(c.Path, line, "Go syntax: %s", e.Msg)
	}
	return errs
}

func splitLines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// squeeze drops all white space, to compare lines gofmt may respace.
func squeeze(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' {
			b = append(b, c)
		}
	}
	return string(b)
}

// matchLines finds the raw line each formatted line came from. gofmt
// keeps lines in order but for sorted imports: lines are paired as a
// diff pairs them, ignoring white space, and a line left over (a
// moved import) takes the first unused raw line with the same text.
func matchLines(lines []string, raw []rawLine) []Origin {
	a := make([]string, len(lines))
	for i, l := range lines {
		a[i] = squeeze(l)
	}
	b := make([]string, len(raw))
	for i, l := range raw {
		b[i] = squeeze(l.text)
	}
	match := align(a, b)
	used := make([]bool, len(raw))
	for _, j := range match {
		if j >= 0 {
			used[j] = true
		}
	}
	origins := make([]Origin, len(lines))
	for i, j := range match {
		if j < 0 && a[i] != "" {
			j = firstUnused(b, used, a[i])
		}
		if j >= 0 {
			used[j] = true
			origins[i] = raw[j].origin
		}
	}
	return origins
}

func firstUnused(keys []string, used []bool, key string) int {
	for j, k := range keys {
		if !used[j] && k == key {
			return j
		}
	}
	return -1
}

// addDirectives writes the header and the lines, with a //line
// directive before each code line the compiler would otherwise place
// wrongly. It returns the content and the origin of each of its lines.
func addDirectives(header string, lines []string, origins []Origin) ([]byte, []Origin) {
	inside := multilineTokens(lines)
	var b bytes.Buffer
	var outLines []Origin
	emit := func(s string, o Origin) {
		b.WriteString(s)
		b.WriteByte('\n')
		outLines = append(outLines, o)
	}
	emit("// "+header, Origin{})
	emit("", Origin{})
	var last Origin // origin assumed for the previous line
	assumed := 0    // the compiler's idea of the previous line's number
	for i, l := range lines {
		o := origins[i]
		code := o.Block != nil && !inside[i] && !isComment(l) &&
			strings.TrimSpace(l) != ""
		if code && (last.Block == nil || o.Line != assumed+1) {
			switch {
			case i > 0 && isDocText(lines[i-1]):
				// gofmt moves directives in a top-level doc
				// comment below an empty // line: write it so.
				emit("//", Origin{})
			case i > 0 && isTopLevel(l) && strings.TrimSpace(lines[i-1]) != "" && !isComment(lines[i-1]):
				// The directive becomes the declaration's doc
				// comment, and gofmt puts a blank line before it.
				emit("", Origin{})
			}
			emit(fmt.Sprintf("//line %s:%d", o.Block.Chapter.Path, o.Line), Origin{})
			assumed = o.Line - 1
		}
		assumed++
		if o.Block == nil && last.Block != nil && strings.TrimSpace(l) != "" {
			// A line gofmt rewrote (a doc comment): the compiler
			// places it by counting from the last directive.
			o = Origin{Block: last.Block, Line: assumed}
		}
		if o.Block != nil {
			last = o
		}
		emit(l, o)
	}
	return b.Bytes(), outLines
}

// isTopLevel reports whether line starts a top-level declaration.
func isTopLevel(line string) bool {
	for _, kw := range []string{"func ", "type ", "var ", "const ", "import "} {
		if strings.HasPrefix(line, kw) {
			return true
		}
	}
	return false
}

// isDocText reports whether line is text of a comment at column 1,
// not a directive: the end of what gofmt treats as a doc comment when
// the next line is code.
func isDocText(line string) bool {
	after, ok := strings.CutPrefix(line, "//")
	return ok && !isDirective(after)
}

// isDirective mirrors go/printer: //line, //extern, //export and
// //word:word comments are directives, not doc text.
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		b := c[i]
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}

func isComment(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*")
}

// multilineTokens marks the lines that begin inside a token spanning
// several lines (a raw string or a /* comment */), where a directive
// would change the program.
func multilineTokens(lines []string) []bool {
	src := []byte(strings.Join(lines, "\n") + "\n")
	inside := make([]bool, len(lines))
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if n := strings.Count(lit, "\n"); n > 0 && (tok == token.STRING || tok == token.COMMENT) {
			start := file.Line(pos)
			for l := start; l < start+n && l < len(lines); l++ {
				inside[l] = true // lines are 1-based; inside is 0-based
			}
		}
	}
	return inside
}
