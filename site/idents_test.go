package main

import (
	"strings"
	"testing"
)

// TestIdentifierIndex checks the index found by go/types (a method,
// a constant, a use from another chapter through an import, grouped by
// chapter, uses named by section, no test functions and no test
// helpers) and the links it puts in the code.
func TestIdentifierIndex(t *testing.T) {
	s, _ := buildFixture(t)
	page := string(s.Files["identifiers.html"])
	for _, want := range []string{
		`<section class="ident-chapter" id="ch-01-hello">`,
		`<tr id="id-hello.Greeter.Greet"><td><a href="01-hello/index.html#L48"><code>Greeter.Greet</code></a></td><td>method</td>`,
		`<tr id="id-hello.Greeting"><td><a href="01-hello/index.html#L29"><code>Greeting</code></a></td><td>const</td>`,
		`<td>type</td><td>hello</td><td><span class="use-ch">1:</span> <a href="01-hello/index.html#the-rest-of-the-file">The rest of the file</a>; <span class="use-ch">2:</span> <a href="02-world/index.html#second-section">Second section</a></td>`,
		`One name that only the tests define (test helpers) left out.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("identifiers.html lacks %s", want)
		}
	}
	if strings.Contains(page, "TestShout") {
		t.Error("the index lists a test function")
	}
	if strings.Contains(page, "id-hello.greet") {
		t.Error("the index lists greet, a helper only the tests define")
	}
	if strings.Index(page, `id="ch-01-hello"`) > strings.Index(page, `id="ch-02-world"`) {
		t.Error("the index's chapters are out of order")
	}
	// In the code, a use links to the definition, across chapters, and
	// the definition links to its entry in the index.
	world := string(s.Files["02-world/index.html"])
	if want := `<a class="ident" href="../01-hello/index.html#L45">Greeter</a>`; !strings.Contains(world, want) {
		t.Errorf("02-world does not link hello.Greeter to its definition: no %s", want)
	}
	hello := string(s.Files["01-hello/index.html"])
	if want := `<a class="ident" href="../identifiers.html#id-hello.Shout"><span class="nf">Shout</span></a>`; !strings.Contains(hello, want) {
		t.Errorf("the definition of Shout does not link to the index: no %s", want)
	}
}
