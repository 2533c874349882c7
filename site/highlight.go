package main

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// Light and dark are the chroma styles the site's code follows.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// lexerFor picks a lexer by language name, then by file name.
func lexerFor(lang, file string) chroma.Lexer {
	l := lexers.Get(lang)
	if l == nil && file != "" {
		l = lexers.Match(path.Base(file))
	}
	if l == nil {
		l = lexers.Fallback
	}
	return chroma.Coalesce(l)
}

// A linker returns the href for a name on line i of the code, or "".
type linker func(i int, name string) string

// highlightLines splits code into lines of HTML with chroma's CSS
// classes. The result has one entry for each line of code. Go is
// scanned by goTokens, every other language by chroma's lexers. Names
// that link (may be nil) gives an href become links.
func highlightLines(lang, file string, lines []string, link linker) []template.HTML {
	out := make([]template.HTML, len(lines))
	src := strings.Join(lines, "\n") + "\n"
	var tokens []chroma.Token
	if lang == "go" || (lang == "" && path.Ext(file) == ".go") {
		tokens = goTokens(src)
	} else {
		it, err := lexerFor(lang, file).Tokenise(nil, src)
		if err != nil {
			for i, l := range lines {
				out[i] = template.HTML(template.HTMLEscapeString(l))
			}
			return out
		}
		tokens = it.Tokens()
	}
	var b bytes.Buffer
	for i, toks := range chroma.SplitTokensIntoLines(tokens) {
		if i >= len(out) {
			break
		}
		b.Reset()
		for _, t := range toks {
			href := ""
			if link != nil && (t.Type == chroma.NameOther || t.Type == chroma.NameFunction) {
				href = link(i, t.Value)
			}
			if href == "" {
				writeToken(&b, t)
				continue
			}
			b.WriteString(`<a class="ident" href="`)
			template.HTMLEscape(&b, []byte(href))
			b.WriteString(`">`)
			writeToken(&b, t)
			b.WriteString(`</a>`)
		}
		out[i] = template.HTML(b.String())
	}
	return out
}

// writeToken writes one token as a span with its class, without the
// newline that ends a line.
func writeToken(b *bytes.Buffer, t chroma.Token) {
	v := strings.TrimSuffix(t.Value, "\n")
	if v == "" {
		return
	}
	cls := tokenClass(t.Type)
	if cls == "" || plainToken[t.Type] {
		template.HTMLEscape(b, []byte(v))
		return
	}
	b.WriteString(`<span class="`)
	b.WriteString(cls)
	b.WriteString(`">`)
	template.HTMLEscape(b, []byte(v))
	b.WriteString(`</span>`)
}

// plainToken lists the token types that both styles show in the text
// colour: a span for them would only add bytes (names and punctuation
// are half of Go's tokens).
var plainToken = map[chroma.TokenType]bool{
	chroma.Text:           true,
	chroma.TextWhitespace: true,
	chroma.NameOther:      true,
	chroma.Punctuation:    true,
}

// tokenClass is chroma's short CSS class for a token type, or "".
func tokenClass(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
	}
	return ""
}

// chromaCSS returns the highlighting rules: the light style, the dark
// style for screens that prefer it, and light colours in print.
func chromaCSS() ([]byte, error) {
	f := chtml.New(chtml.WithClasses(true), chtml.WithAllClasses(true), chtml.WithCSSComments(false))
	var b bytes.Buffer
	b.WriteString("/* Code colours: chroma " + lightStyle + ", and " + darkStyle + " in dark mode. */\n")
	if err := f.WriteCSS(&b, styles.Get(lightStyle)); err != nil {
		return nil, err
	}
	light := b.String()
	var dark bytes.Buffer
	if err := f.WriteCSS(&dark, styles.Get(darkStyle)); err != nil {
		return nil, err
	}
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	b.Write(dark.Bytes())
	// A class the dark style leaves plain would keep the light style's
	// dark colour: give it the dark text colour instead.
	has := map[string]bool{}
	for _, m := range cssClass.FindAllStringSubmatch(dark.String(), -1) {
		has[m[1]] = true
	}
	for _, m := range cssClass.FindAllStringSubmatch(light, -1) {
		if !has[m[1]] {
			has[m[1]] = true
			fmt.Fprintf(&b, ".chroma .%s { color: inherit; font-weight: inherit; font-style: inherit; }\n", m[1])
		}
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

var cssClass = regexp.MustCompile(`(?m)^\.chroma \.([a-z0-9]+) \{`)
