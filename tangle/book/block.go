package book

import (
	"fmt"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// A Block is one fenced code block of a chapter.
type Block struct {
	Chapter *Chapter
	Node    *ast.FencedCodeBlock
	Index   int    // position among the chapter's blocks, from 0
	Info    string // the whole info string
	Lang    string // first word of the info string; "" when there is none
	File    string // target path relative to the chapter, for file=
	Chunk   string // chunk name, for chunk=
	Display bool   // marked display: shown, never tangled
	Open    bool   // marked open: a proof shown unfolded, the demonstration
	Fold    bool   // marked fold: code the story needs but need not read, shown folded
	Line    int    // line of the opening fence
	Code    []Line // the block's content, one entry a line
}

// A Line is one line of a block's content.
type Line struct {
	Num    int    // line number in the chapter's Markdown
	Text   string // the line without its newline
	Indent string // for a reference: the white space before <<NAME>>
	Ref    string // for a reference line <<NAME>>: the chunk's name
}

// Tangled reports whether the block is part of a file or a chunk.
func (b *Block) Tangled() bool { return b.File != "" || b.Chunk != "" }

// ID is a stable anchor for the block, unique in its chapter.
func (b *Block) ID() string { return fmt.Sprintf("code-%d", b.Index+1) }

// parseRef reports the indentation and name of a <<NAME>> line.
func parseRef(text string) (indent, name string, ok bool) {
	body := strings.TrimLeft(text, " \t")
	indent = text[:len(text)-len(body)]
	body = strings.TrimRight(body, " \t")
	inner, ok := strings.CutPrefix(body, "<<")
	if !ok {
		return "", "", false
	}
	inner, ok = strings.CutSuffix(inner, ">>")
	name = strings.TrimSpace(inner)
	if !ok || name == "" || strings.Contains(name, ">>") {
		return "", "", false
	}
	return indent, name, true
}

// attrs holds the attributes of an info string after its language.
type attrs struct {
	file, chunk      string
	hasFile, hasName bool
	display          bool
	open             bool
	fold             bool
}

// parseInfo splits an info string into its language and attributes.
// Values may be quoted with double quotes to hold spaces.
func parseInfo(info string) (lang string, a attrs, errs []string) {
	words, err := splitInfo(info)
	if err != nil {
		return "", a, []string{err.Error()}
	}
	if len(words) == 0 {
		return "", a, nil
	}
	lang = words[0]
	seen := map[string]bool{}
	for _, w := range words[1:] {
		key, val, hasVal := strings.Cut(w, "=")
		if seen[key] {
			errs = append(errs, fmt.Sprintf("attribute %s given twice", key))
			continue
		}
		seen[key] = true
		switch {
		case key == "file" && hasVal:
			a.file, a.hasFile = val, true
		case key == "chunk" && hasVal:
			a.chunk, a.hasName = strings.TrimSpace(val), true
		case key == "display" && !hasVal:
			a.display = true
		case key == "open" && !hasVal:
			a.open = true
		case key == "fold" && !hasVal:
			a.fold = true
		case key == "file" || key == "chunk":
			errs = append(errs, fmt.Sprintf("attribute %s needs a value: %s=...", key, key))
		default:
			errs = append(errs, fmt.Sprintf("unknown attribute %q in info string %q (want file=PATH, chunk=NAME, display, open or fold)", w, info))
		}
	}
	return lang, a, errs
}

// splitInfo splits on spaces, keeping "quoted values" whole.
func splitInfo(info string) ([]string, error) {
	var words []string
	var b strings.Builder
	inQuote, inWord := false, false
	for _, r := range info {
		switch {
		case r == '"':
			inQuote = !inQuote
			inWord = true
		case !inQuote && (r == ' ' || r == '\t'):
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		default:
			b.WriteRune(r)
			inWord = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unterminated quote in info string %q", info)
	}
	if inWord {
		words = append(words, b.String())
	}
	return words, nil
}

// checkPath reports what is wrong with a file= path, or "".
func checkPath(p string) string {
	switch {
	case p == "":
		return "file= needs a path"
	case strings.HasPrefix(p, "/"):
		return fmt.Sprintf("file path %q is absolute; paths are relative to the chapter's directory", p)
	case strings.Contains(p, `\`):
		return fmt.Sprintf("file path %q contains a backslash; use /", p)
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == ".." {
			return fmt.Sprintf("file path %q contains ..; tangle writes only inside the chapter's directory", p)
		}
	}
	clean := path.Clean(p)
	switch {
	case clean == "." || strings.HasSuffix(p, "/"):
		return fmt.Sprintf("file path %q names a directory", p)
	case clean == "README.md" || clean == manifestName:
		return fmt.Sprintf("file path %q would overwrite the chapter's own %s", p, clean)
	}
	return ""
}
