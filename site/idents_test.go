package main

import (
	"strings"
	"testing"
)

// TestIdentifierIndex checks the index found by go/types: a method,
// a constant, a use from another chapter through an import, and no
// test functions.
func TestIdentifierIndex(t *testing.T) {
	s, _ := buildFixture(t)
	page := string(s.Files["identifiers.html"])
	for _, want := range []string{
		`<tr id="id-hello.Greeter.Greet"><td><a href="01-hello/index.html#L41"><code>Greeter.Greet</code></a></td><td>method</td>`,
		`<tr id="id-hello.Greeting"><td><a href="01-hello/index.html#L22"><code>Greeting</code></a></td><td>const</td>`,
		`<td>type</td><td>hello</td><td><a href="02-world/index.html#L15">02-world code 1</a></td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("identifiers.html lacks %s", want)
		}
	}
	if strings.Contains(page, "TestShout") {
		t.Error("the index lists a test function")
	}
}
