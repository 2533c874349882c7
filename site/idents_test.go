package main

import (
	"strings"
	"testing"
)

// TestIdentifierIndex checks the index found by go/types (a method,
// a constant, a use from another chapter through an import, and no
// test functions) and the links it puts in the code.
func TestIdentifierIndex(t *testing.T) {
	s, _ := buildFixture(t)
	page := string(s.Files["identifiers.html"])
	for _, want := range []string{
		`<tr id="id-hello.Greeter.Greet"><td><a href="01-hello/index.html#L41"><code>Greeter.Greet</code></a></td><td>method</td>`,
		`<tr id="id-hello.Greeting"><td><a href="01-hello/index.html#L22"><code>Greeting</code></a></td><td>const</td>`,
		`<td>type</td><td>hello</td><td>02-world: <a href="02-world/index.html#L15">code 1</a></td>`,
		`<td>01-hello: <a href="01-hello/index.html#L41">code 4</a>, <a href="01-hello/index.html#L67">code 7</a></td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("identifiers.html lacks %s", want)
		}
	}
	if strings.Contains(page, "TestShout") {
		t.Error("the index lists a test function")
	}
	// In the code, a use links to the definition, across chapters, and
	// the definition links to its entry in the index.
	world := string(s.Files["02-world/index.html"])
	if want := `<a class="ident" href="../01-hello/index.html#L38">Greeter</a>`; !strings.Contains(world, want) {
		t.Errorf("02-world does not link hello.Greeter to its definition: no %s", want)
	}
	hello := string(s.Files["01-hello/index.html"])
	if want := `<a class="ident" href="../identifiers.html#id-hello.Shout"><span class="nf">Shout</span></a>`; !strings.Contains(hello, want) {
		t.Errorf("the definition of Shout does not link to the index: no %s", want)
	}
}
