package main

// config holds what the options set.
type config struct {
	unsafeHTML bool // render raw HTML from the Markdown
	navInline  int  // inline the whole-book sidebar up to this many chapters
	live       bool // add the live-reload script (serve mode)
	keepGoing  bool // render despite errors and show them on every page
	solutions  bool // the instructor's edition: the exercises' solutions shown
}

// An Option changes how the site is built.
type Option func(*config)

// DefaultNavInline is how many chapters the sidebar lists inline.
const DefaultNavInline = 60

func newConfig(opts []Option) *config {
	c := &config{navInline: DefaultNavInline}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithUnsafeHTML lets raw HTML in the Markdown through to the pages.
func WithUnsafeHTML(on bool) Option { return func(c *config) { c.unsafeHTML = on } }

// WithInlineNav inlines the whole book's chapter list in each page's
// sidebar when the book has at most max chapters; larger books get a
// window of neighbours, and a shared script fills in the rest.
func WithInlineNav(max int) Option { return func(c *config) { c.navInline = max } }

// WithLiveReload adds the script that reloads pages when the server
// rebuilds the site.
func WithLiveReload(on bool) Option { return func(c *config) { c.live = on } }

// WithKeepGoing renders a broken book anyway, showing its errors at
// the top of every page instead of failing.
func WithKeepGoing(on bool) Option { return func(c *config) { c.keepGoing = on } }

// WithSolutions builds the instructor's edition, which shows the
// exercises' solutions; the default (student's) edition leaves every
// solution out: pages, print views, files pages, search and index.
func WithSolutions(on bool) Option { return func(c *config) { c.solutions = on } }
