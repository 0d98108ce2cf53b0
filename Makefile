# Innovation Accelerator Portal - developer tasks.
#
# `make` on its own lists the targets. Environment variables that are already
# set (PORTAL_*, GOFLAGS, ...) are passed through to every command unchanged.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO       ?= go
NPM      ?= npm
BIN      := bin/portal

# Extra flags for `go test`, e.g. `make test GOTESTFLAGS=-race` or `-run TestX`.
GOTESTFLAGS ?=

# Front-end build output (generated, git-ignored, embedded into the binary).
STATIC     := templates/static
GOVUK_OUT  := $(STATIC)/govuk
VENDOR_OUT := $(STATIC)/vendor
GOVUK_PKG  := node_modules/govuk-frontend/dist/govuk
SASS       := node_modules/.bin/sass
SCSS_SRC   := $(wildcard templates/scss/*.scss)

# npm writes this file on every install, so it doubles as an "installed" stamp.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: help assets build run test bench lint clean ci

help: ## List the targets
	@echo "Innovation Accelerator Portal - make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-8s %s\n", $$1, $$2}'

# --- front-end assets --------------------------------------------------------

# Reinstall node_modules only when it is missing or older than the lock file.
$(NODE_STAMP): package.json package-lock.json
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	@touch $@

assets: $(NODE_STAMP) ## Install npm packages if needed and build GOV.UK Frontend CSS/JS/images + axe-core into templates/static/
	@mkdir -p $(GOVUK_OUT) $(VENDOR_OUT)
	$(SASS) --style=compressed --no-source-map --quiet-deps --load-path=node_modules \
		templates/scss/portal.scss $(GOVUK_OUT)/portal.css
	cp $(GOVUK_PKG)/govuk-frontend.min.js $(GOVUK_OUT)/govuk-frontend.min.js
	@# Images, manifest.json and any other asset folders (e.g. rebrand); the
	@# GDS Transport fonts are deliberately left out (the portal uses Arial).
	rm -rf $(GOVUK_OUT)/assets && mkdir -p $(GOVUK_OUT)/assets
	for entry in $(GOVUK_PKG)/assets/*; do \
		[ "$$(basename "$$entry")" = fonts ] || cp -R "$$entry" $(GOVUK_OUT)/assets/; \
	done
	cp node_modules/axe-core/axe.min.js $(VENDOR_OUT)/axe.min.js
	@echo "assets: built $(GOVUK_OUT)/ and $(VENDOR_OUT)/"

# --- Go ----------------------------------------------------------------------

build: ## Build the server binary to bin/portal
	$(GO) build -o $(BIN) ./cmd/portal

# Uses the binary's defaults unless the environment says otherwise: embedded
# SQLite database portal.db, the development identity provider, demo data.
run: ## Build assets (if npm is installed) and the binary, then migrate, seed demo data and serve
	@if command -v $(NPM) >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory assets; \
	else \
		echo "warning: npm not found - skipping 'make assets'; pages will be unstyled" >&2; \
	fi
	$(MAKE) --no-print-directory build
	./$(BIN) migrate && ./$(BIN) seed --demo && ./$(BIN) serve

# PORTAL_TEST_DATABASE_URL (also run the PostgreSQL tests), PORTAL_BROWSER_TESTS
# and PORTAL_CHROMIUM (headless browser tests) are read from the environment.
# The tests do not need `make assets`.
test: ## Run all Go tests (go test -count=1 ./...)
	$(GO) test -count=1 -timeout 45m $(GOTESTFLAGS) ./...

# The national benchmarks generate 10,000 and 50,000 projects (PORTAL_BENCH_PROJECTS chooses) on PostgreSQL
# when PORTAL_TEST_DATABASE_URL is set, SQLite otherwise; at both sizes they take some twenty minutes on
# two cores. Add BENCHFLAGS=-bench=National/postgres/50k to run one size.
BENCHFLAGS ?= -bench .

bench: ## Run the Go benchmarks (no tests), with each request beside its SQL alone
	$(GO) test -run '^$$' $(BENCHFLAGS) -benchmem -timeout 90m ./...

lint: ## Fail on unformatted Go files (gofmt -l), then go vet
	@unformatted="$$(find . -name '*.go' -not -path './node_modules/*' -not -path './.git/*' -not -path './bin/*' -print0 | xargs -0 -r gofmt -l)"; \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w):"; echo "$$unformatted"; exit 1; \
	fi
	$(GO) vet ./...

ci: assets lint test ## What CI runs: assets, lint, test

clean: ## Remove bin/, the built front-end assets and the local SQLite database
	rm -rf bin $(GOVUK_OUT) $(VENDOR_OUT)
	rm -f portal.db portal.db-*
