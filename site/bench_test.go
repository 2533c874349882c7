package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchChapters is the size of the generated book the benchmarks build.
const benchChapters = 1000

// BenchmarkSite1000 builds and writes a generated book of 1,000
// chapters: with the default sidebar (neighbours inline, the whole
// book from the shared nav.js) and with every chapter inlined in every
// page, as Hugo's template below does.
func BenchmarkSite1000(b *testing.B) {
	root := b.TempDir()
	genBook(b, root, benchChapters)
	for _, bc := range []struct {
		name string
		opts []Option
	}{
		{"shared-nav", nil},
		{"inline-nav", []Option{WithInlineNav(benchChapters)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			out := b.TempDir()
			var s *Site
			cpu := cpuTime()
			for b.Loop() {
				var err error
				s, err = Build(root, bc.opts...)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Write(out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			total, page := 0, len(s.Files[chapterSlug(benchChapters/2)+"/index.html"])
			for _, data := range s.Files {
				total += len(data)
			}
			b.ReportMetric(float64(total)/1e6, "MB-site")
			b.ReportMetric(float64(page)/1e3, "kB-page")
		})
	}
}

// BenchmarkHugo1000 renders the same 1,000 chapters with Hugo (Debian's
// hugo package), with a template that lists every chapter in every
// page's sidebar plus the page's own table of contents, as the site
// does, and chroma highlighting with CSS classes.
func BenchmarkHugo1000(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("SKIP: hugo not installed (apt-get install -y hugo): no comparison measured")
	}
	dir := b.TempDir()
	genHugo(b, dir, benchChapters)
	out := filepath.Join(dir, "public")
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(hugo, "--quiet", "--source", dir, "--destination", out, "--cleanDestinationDir")
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("hugo: %v\n%s", err, msg)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	total := 0
	_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += int(fi.Size())
			}
		}
		return nil
	})
	page, _ := os.ReadFile(filepath.Join(out, chapterSlug(benchChapters/2), "index.html"))
	b.ReportMetric(float64(total)/1e6, "MB-site")
	b.ReportMetric(float64(len(page))/1e3, "kB-page")
}

// cpuTime is the CPU time this process has used, user and system:
// unlike wall time, it does not grow when other work shares the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// genHugo writes a Hugo site holding the generated book's Markdown.
func genHugo(tb testing.TB, dir string, n int) {
	tb.Helper()
	write(tb, filepath.Join(dir, "config.toml"), `baseURL = "https://example.org/course/"
title = "A Generated Book"
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "404"]
[markup.highlight]
  noClasses = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
`)
	write(tb, filepath.Join(dir, "layouts", "_default", "single.html"), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<nav><ol>{{ $cur := . }}{{ range .Site.RegularPages.ByWeight }}<li{{ if eq . $cur }} class="current"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if eq . $cur }}{{ $cur.TableOfContents }}{{ end }}</li>{{ end }}</ol></nav>
<main>{{ .Content }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav></main>
</body></html>
`)
	write(tb, filepath.Join(dir, "layouts", "index.html"), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body><main>{{ .Content }}<ol>{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></main></body></html>
`)
	write(tb, filepath.Join(dir, "static", "style.css"), "body { font-family: sans-serif; }\n")
	write(tb, filepath.Join(dir, "content", "_index.md"), "---\ntitle: A Generated Book\n---\nMany chapters, to measure the site.\n")
	for i := 1; i <= n; i++ {
		md := genChapter(i)
		title, _, _ := strings.Cut(strings.TrimPrefix(md, "# "), "\n")
		write(tb, filepath.Join(dir, "content", chapterSlug(i)+".md"),
			fmt.Sprintf("---\ntitle: %q\nweight: %d\n---\n%s", title, i, md))
	}
}
