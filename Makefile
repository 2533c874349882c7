# The book's tasks. `make` alone lists them.
GO ?= go
# The chapters whose code also runs on kqueue (macOS and the BSDs).
KQUEUE = ./chapters/03-polling/... ./chapters/04-event-loop/...

.PHONY: help tangle test check site serve pdf epub bench bench-smoke solutions

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

tangle: ## extract the chapters' code into their directories
	$(GO) run ./tangle

test: ## vet, then run every test, chapters included
	$(GO) vet ./...
	$(GO) test ./...
	$(MAKE) bench-smoke

solutions: ## run the exercises' solutions (build tag solutions)
	$(GO) vet -tags solutions ./chapters/...
	$(GO) test -tags solutions ./chapters/...

check: ## fail if generated code is stale, code is unformatted or vet complains
	$(GO) run ./tangle -check
	@out=$$(gofmt -l $$(git ls-files '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt -l lists:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@# The kqueue code cannot run here; prove it builds where it can.
	GOOS=darwin $(GO) vet $(KQUEUE)
	GOOS=darwin $(GO) vet -tags solutions $(KQUEUE)
	GOOS=freebsd $(GO) build $(KQUEUE)

site: ## build the static site into public/
	$(GO) run ./site

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
