package book

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
	"sync/atomic"
)

// renderGo formats a Go file and adds //line directives, so that the
// compiler, go vet, tests and stack traces name the Markdown lines.
//
// A directive goes before each code line that does not follow on from
// the line above it in the Markdown, and gofmt lays the file out,
// directives and all, in one pass. gofmt may change white space, blank
// lines, the order of imports and the layout of doc comments, so the
// result is checked: every code line must be where its directive says.
// If gofmt moved one (two blank lines made one, say), the directives
// are placed again on the formatted file (placeAgain).
func (c *Chapter) renderGo(out *Output, raw []rawLine) error {
	if len(raw) == 0 {
		return &Error{Path: c.Path, Line: out.File.Blocks[0].Line, Msg: fmt.Sprintf("file %s is empty", out.File.Path)}
	}
	withDirs := rawDirectives(headerLine(c.Path), raw)
	formatted, err := format.Source(joinLines(withDirs))
	if err != nil {
		return c.goErrors(err, withDirs)
	}
	lines := splitLines(formatted)
	origins := matchLines(lines, withDirs)
	if outLines, ok := placeLines(lines, origins); ok {
		out.Content, out.Lines, out.Header = formatted, outLines, true
		return nil
	}
	placedAgain.Add(1)
	content, outLines, err := placeAgain(headerLine(c.Path), lines, origins)
	if err != nil {
		return &Error{Path: c.Path, Line: raw[0].origin.Line, Msg: "tangle: formatting with //line directives: " + err.Error()}
	}
	out.Content, out.Lines, out.Header = content, outLines, true
	return nil
}

// placedAgain counts the files whose directives gofmt upset, for the
// tests: the second pass is meant to be rare.
var placedAgain atomic.Int64

// rawDirectives returns the header and the raw lines, with a directive
// before each code line whose Markdown line does not follow on from
// the last directive.
func rawDirectives(header string, raw []rawLine) []rawLine {
	texts := make([]string, len(raw))
	for i, l := range raw {
		texts[i] = l.text
	}
	inside := multilineTokens(texts)
	out := []rawLine{{text: "// " + header}, {}}
	var last *Block // block of the last directive
	next := 0       // the Markdown line the compiler expects next
	for i, l := range raw {
		code := !inside[i] && !isComment(l.text) && strings.TrimSpace(l.text) != ""
		if code && (last != l.origin.Block || l.origin.Line != next) {
			out = append(out, rawLine{text: directive(l.origin)})
			last = l.origin.Block
			next = l.origin.Line
		}
		out = append(out, l)
		next++
	}
	return out
}

func directive(o Origin) string {
	return fmt.Sprintf("//line %s:%d", o.Block.Chapter.Path, o.Line)
}

func joinLines(lines []rawLine) []byte {
	var b bytes.Buffer
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// placeLines checks that the compiler, counting from each directive,
// puts every code line at its Markdown line, and returns the origin of
// every line: none for blank lines and tangle's own, and for a comment
// gofmt rewrote, the line the compiler counts.
func placeLines(lines []string, origins []Origin) ([]Origin, bool) {
	inside := multilineTokens(lines)
	out := make([]Origin, len(lines))
	var last *Block
	next, ok := 0, true
	for i, l := range lines {
		if n, isDir := parseDirective(l); isDir {
			next = n
			continue
		}
		o := origins[i]
		switch {
		case o.Block == nil && (strings.TrimSpace(l) == "" || l == "//"):
			// A blank line gofmt added, or the // it puts before
			// a directive: no Markdown line made it.
		case o.Block == nil && last != nil:
			o = Origin{Block: last, Line: next}
		case o.Block != nil && !inside[i] && !isComment(l) &&
			strings.TrimSpace(l) != "" && o.Line != next:
			ok = false // a code line the compiler would misplace
		}
		if o.Block != nil {
			last = o.Block
		}
		out[i] = o
		next++
	}
	return out, ok
}

// parseDirective reads the line number of a //line directive.
func parseDirective(l string) (int, bool) {
	rest, ok := strings.CutPrefix(l, "//line ")
	if !ok {
		return 0, false
	}
	i := strings.LastIndexByte(rest, ':')
	n, err := strconv.Atoi(rest[i+1:])
	return n, i >= 0 && err == nil
}

// placeAgain drops the directives from a formatted file whose lines
// gofmt moved, places them on the formatted lines, and formats again:
// a directive is a comment, and gofmt lays comments out (a blank line
// before a declaration that now has one, aligned fields ended at it).
func placeAgain(header string, lines []string, origins []Origin) ([]byte, []Origin, error) {
	if len(lines) >= 2 && lines[0] == "// "+header && lines[1] == "" {
		lines, origins = lines[2:], origins[2:] // addDirectives writes it
	}
	var kept []string
	var keptOrigins []Origin
	for i, l := range lines {
		if _, isDir := parseDirective(l); !isDir {
			kept = append(kept, l)
			keptOrigins = append(keptOrigins, origins[i])
		}
	}
	content, outLines := addDirectives(header, kept, keptOrigins)
	again, err := format.Source(content)
	if err != nil {
		return nil, nil, err
	}
	if !bytes.Equal(again, content) {
		prev := make([]rawLine, len(outLines))
		for i, l := range splitLines(content) {
			prev[i] = rawLine{l, outLines[i]}
		}
		outLines = matchLines(splitLines(again), prev)
		content = again
	}
	return content, outLines, nil
}

// goErrors maps syntax errors in the raw file to Markdown lines.
func (c *Chapter) goErrors(err error, raw []rawLine) error {
	var list scanner.ErrorList
	if !errors.As(err, &list) {
		return &Error{Path: c.Path, Line: markdownLine(raw, 1), Msg: err.Error()}
	}
	var errs Errors
	for _, e := range list {
		line := e.Pos.Line // already mapped by the //line directives
		if e.Pos.Filename != c.Path {
			line = markdownLine(raw, e.Pos.Line)
		}
		errs.Add(c.Path, line, "Go syntax: %s", e.Msg)
	}
	return errs
}

// markdownLine returns the Markdown line of raw line n (1-based), or of
// the nearest line after it that has one (directives and the header
// have none), or else of the last line that has one.
func markdownLine(raw []rawLine, n int) int {
	for i := max(n-1, 0); i < len(raw); i++ {
		if raw[i].origin.Block != nil {
			return raw[i].origin.Line
		}
	}
	for i := len(raw) - 1; i >= 0; i-- {
		if raw[i].origin.Block != nil {
			return raw[i].origin.Line
		}
	}
	return 0
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
	if !bytes.Contains(src, []byte("`")) && !bytes.Contains(src, []byte("/*")) {
		return inside // no raw string, no block comment: nothing to scan
	}
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
