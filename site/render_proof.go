package main

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/howserverswait/book/tangle/book"
	"github.com/yuin/goldmark/util"
)

// writeBlock writes a code block: a solution not at all unless the
// site is the instructor's edition, a proof folded behind a summary
// line, any other block as it is.
func (p *pageCtx) writeBlock(w util.BufWriter, b *book.Block) {
	r := &p.ci.roles
	switch {
	case r.solution[b] && !p.s.cfg.solutions:
		return
	case r.other[b] && !p.paper:
		// The book is Linux-first: code for other systems only is one
		// click away, like a proof.
		label := fmt.Sprintf("Other systems: %s — %d lines",
			strings.Join(p.ci.ch.Targets(b), ", "), len(b.Code))
		fmt.Fprintf(w, `<details class="other-systems" id="%s"><summary>%s</summary>`,
			p.id(b.ID()), template.HTMLEscapeString(label))
		p.writeCode(w, b, "")
		_, _ = w.WriteString("</details>\n")
		return
	case b.Fold && !r.proof[b] && !p.paper:
		// Code the story needs but need not read: one click away.
		fmt.Fprintf(w, `<details class="code-fold" id="%s"><summary>%s</summary>`,
			p.id(b.ID()), template.HTMLEscapeString(foldSummary(r, b)))
		p.writeCode(w, b, "")
		_, _ = w.WriteString("</details>\n")
		return
	case !r.proof[b]:
		p.writeCode(w, b, p.id(b.ID()))
		return
	}
	label := template.HTMLEscapeString(proofSummary(r, b))
	if p.paper {
		// On paper a proof is shown whole or not at all: the print
		// views' checkbox #show-proofs decides (CSS, no script).
		fmt.Fprintf(w, `<section class="proof" id="%s"><p class="proof-summary">%s</p>`, p.id(b.ID()), label)
		p.writeCode(w, b, "")
		_, _ = w.WriteString("</section>\n")
		return
	}
	open := ""
	if b.Open {
		open = " open"
	}
	fmt.Fprintf(w, `<details class="proof" id="%s"%s><summary>%s</summary>`, p.id(b.ID()), open, label)
	p.writeCode(w, b, "")
	_, _ = w.WriteString("</details>\n")
}

// foldSummary is the line a block marked fold shows: where its code
// goes, what it defines and how long it is. "sockets.go: Listen,
// LocalAddr — 40 lines".
func foldSummary(r *blockRoles, b *book.Block) string {
	label := blockLabel(b)
	if names := r.helpers[b]; len(names) > 0 {
		list := strings.Join(names, ", ")
		if len(names) > 5 {
			list = fmt.Sprintf("%s and %d more", strings.Join(names[:4], ", "), len(names)-4)
		}
		label += ": " + list
	}
	lines := "lines"
	if len(b.Code) == 1 {
		lines = "line"
	}
	return fmt.Sprintf("%s — %d %s", label, len(b.Code), lines)
}

// proofSummary is the line a folded proof shows: what it proves and
// how long it is. "Proof: TestA, TestB — 22 lines".
func proofSummary(r *blockRoles, b *book.Block) string {
	var names []string
	for _, d := range r.tests[b] {
		names = append(names, d.Name)
	}
	kind := "Proof"
	if r.solution[b] {
		kind = "Solution"
	}
	if len(names) == 0 {
		names = r.helpers[b]
		kind = "Test helpers"
		if r.solution[b] {
			kind = "Solution helpers"
		}
	}
	if len(names) == 0 {
		names = []string{blockLabel(b)}
		kind = "Test code"
	}
	list := strings.Join(names, ", ")
	if len(names) > 5 {
		list = fmt.Sprintf("%s and %d more", strings.Join(names[:4], ", "), len(names)-4)
	}
	lines := "lines"
	if len(b.Code) == 1 {
		lines = "line"
	}
	return fmt.Sprintf("%s: %s — %d %s", kind, list, len(b.Code), lines)
}

// testAnchor is the anchor of a test defined on a Markdown line, as
// the claims table links to it, or "".
func (p *pageCtx) testAnchor(b *book.Block, line int) string {
	for _, d := range p.ci.roles.tests[b] {
		if d.Line == line && p.ci.roles.testAt[d.Name] == d {
			return `<span class="test-anchor" id="` + template.HTMLEscapeString(p.id(d.Name)) + `"></span>`
		}
	}
	return ""
}
