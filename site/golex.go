package main

import (
	"go/scanner"
	"go/token"

	"github.com/alecthomas/chroma/v2"
)

// goTokens splits Go source into chroma tokens with go/scanner, the
// compiler's own scanner: exact for Go, and some twenty times faster
// than chroma's regular-expression lexer, which made highlighting most
// of the build's time. The tokens take chroma's types, so chroma's
// styles colour them like any other language.
func goTokens(src string) []chroma.Token {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	var toks []chroma.Token
	at := 0
	emit := func(typ chroma.TokenType, end int) {
		if end <= at {
			return
		}
		if n := len(toks); n > 0 && toks[n-1].Type == typ && typ != chroma.NameOther {
			toks[n-1].Value += src[at:end] // one span for ")}" and the like
		} else {
			toks = append(toks, chroma.Token{Type: typ, Value: src[at:end]})
		}
		at = end
	}
	var prev *chroma.Token
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted by the scanner, not in the source
		}
		off := file.Offset(pos)
		if off < at {
			continue
		}
		emit(chroma.TextWhitespace, off)
		end := off + tokenLen(tok, lit)
		if end > len(src) {
			end = len(src)
		}
		typ := goTokenType(tok, lit)
		if tok == token.LPAREN && prev != nil && prev.Type == chroma.NameOther {
			prev.Type = chroma.NameFunction
		}
		emit(typ, end)
		prev = &toks[len(toks)-1]
	}
	emit(chroma.TextWhitespace, len(src))
	return toks
}

// tokenLen is the length of a token in the source.
func tokenLen(tok token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(tok.String())
}

// goTokenType maps a Go token to the chroma type its Go lexer gives.
func goTokenType(tok token.Token, lit string) chroma.TokenType {
	switch {
	case tok == token.COMMENT:
		if len(lit) > 2 && lit[1] == '*' {
			return chroma.CommentMultiline
		}
		if len(lit) > 6 && (lit[:7] == "//line " || lit[:5] == "//go:") {
			return chroma.CommentPreproc
		}
		return chroma.CommentSingle
	case tok == token.IDENT:
		return goIdentType(lit)
	case tok == token.PACKAGE || tok == token.IMPORT:
		return chroma.KeywordNamespace
	case tok == token.FUNC || tok == token.VAR || tok == token.CONST || tok == token.TYPE ||
		tok == token.STRUCT || tok == token.INTERFACE || tok == token.MAP || tok == token.CHAN:
		return chroma.KeywordDeclaration
	case tok.IsKeyword():
		return chroma.Keyword
	case tok == token.INT || tok == token.IMAG:
		return chroma.LiteralNumberInteger
	case tok == token.FLOAT:
		return chroma.LiteralNumberFloat
	case tok == token.CHAR:
		return chroma.LiteralStringChar
	case tok == token.STRING:
		if len(lit) > 0 && lit[0] == '`' {
			return chroma.LiteralStringBacktick
		}
		return chroma.LiteralString
	case tok == token.LPAREN || tok == token.RPAREN || tok == token.LBRACK || tok == token.RBRACK ||
		tok == token.LBRACE || tok == token.RBRACE || tok == token.COMMA || tok == token.SEMICOLON ||
		tok == token.PERIOD || tok == token.COLON:
		return chroma.Punctuation
	case tok.IsOperator():
		return chroma.Operator
	}
	return chroma.Text
}

// goIdentType tells predeclared names from the program's own.
func goIdentType(name string) chroma.TokenType {
	switch name {
	case "true", "false", "nil", "iota":
		return chroma.KeywordConstant
	case "bool", "byte", "complex64", "complex128", "error", "float32", "float64",
		"int", "int8", "int16", "int32", "int64", "rune", "string",
		"uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any", "comparable":
		return chroma.KeywordType
	case "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len",
		"make", "max", "min", "new", "panic", "print", "println", "real", "recover":
		return chroma.NameBuiltin
	}
	return chroma.NameOther
}
