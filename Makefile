# The book's tasks. `make` alone lists them.
GO ?= go
# The chapters whose code also runs on kqueue (macOS and the BSDs).
KQUEUE = ./chapters/03-polling/... ./chapters/04-event-loop/...
# The bench smoke run starts Linux servers; elsewhere make test skips it.
UNAME := $(shell uname -s)

.PHONY: help tangle test check site site-solutions serve pdf epub bench bench-smoke solutions

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

tangle: ## extract the chapters' code into their directories
	$(GO) run ./tangle

test: ## vet, then run every test, chapters included
	$(GO) vet ./...
	$(GO) test ./...
ifeq ($(UNAME),Linux)
	$(MAKE) bench-smoke
else
	@echo "bench-smoke skipped: the measured servers are Linux-only ($(UNAME))"
endif

solutions: ## run the exercises' solutions (build tag solutions)
	$(GO) vet -tags solutions ./chapters/...
	$(GO) test -tags solutions ./chapters/...

check: ## fail if generated code is stale, code is unformatted or vet complains
	$(GO) run ./tangle -check
	@out=$$(gofmt -l $$(git ls-files '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt -l lists:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@# A reader on macOS or a BSD runs make tangle test too: the whole
	@# module vets for darwin and builds for freebsd (the kqueue code runs
	@# there; Linux-only tests skip, saying why).
	GOOS=darwin $(GO) vet ./...
	GOOS=darwin $(GO) vet -tags solutions $(KQUEUE)
	GOOS=freebsd $(GO) build ./...
	GOOS=freebsd $(GO) vet $(KQUEUE)

site: ## build the static site into public/
	$(GO) run ./site

site-solutions: ## build the instructor's edition, with the solutions, into public-solutions/
	$(GO) run ./site -solutions -o public-solutions

pdf: ## the book as PDF (headless Chromium): public/book.pdf and public/pdf/NN-slug.pdf
	$(GO) run ./site -pdf

epub: ## the book as EPUB 3: public/book.epub
	$(GO) run ./site -epub

serve: ## serve the site on 127.0.0.1, rebuilding when a chapter changes
	$(GO) run ./site -serve

bench: ## measure every model (minutes, not CI): rewrites results, charts, timelines
	$(GO) run ./chapters/07-measuring/bench
	$(GO) run ./chapters/07-measuring/timeline
	$(GO) run ./chapters/07-measuring/syscalls

bench-smoke: ## run every model briefly at low load (part of make test)
	$(GO) run ./chapters/07-measuring/bench -smoke
