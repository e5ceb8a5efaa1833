# Two commands for a newcomer: `make serve` and `make test` (each installs what it needs first).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Material 9.7+ prints a banner about MkDocs 2.0 on every build; this is its documented switch.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve site generate test clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Leaflet for the maps and, on Linux, Pagefind 1.6 for the search index, from the npm registry
# at the versions package-lock.json pins; no install scripts run.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

install: $(BIN)/.installed node_modules/.installed

# --dirty: a rebuild renders only the pages whose Markdown changed (the generator rewrites
# only those), not all of them. The navigation is fixed, so a page's HTML depends on its own
# Markdown only; after editing mkdocs.yml or overrides/, restart the server.
serve: install  ## generate the pages and serve the site at http://$(HOST), reloading on changes
	$(BIN)/mkdocs serve --dirty --dev-addr $(HOST)

site: install  ## build the static site into site/
	$(BIN)/mkdocs build --strict

generate: install  ## only generate the Markdown pages and data into docs/
	$(BIN)/digest build

test: install  ## run the whole test suite
	@test -x /usr/bin/chromium || echo "make test: /usr/bin/chromium is missing, so tests/browser will be SKIPPED" \
		"(they fail under CI=true). Install Debian's chromium as root: apt-get install chromium" >&2
	$(BIN)/python -m pytest

clean:
	rm -rf site .cache
