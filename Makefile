# Campaign microsite. Every target bootstraps .venv on first use; run `make help`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PELICAN := $(BIN)/pelican
CONTENT := content
OUTPUT := output
HOST ?= 127.0.0.1
PORT ?= 8000
SITEURL ?=

.DEFAULT_GOAL := help
.PHONY: help html serve devserver publish check translations translations-status system-deps test test-browser lint format clean bench

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[test]"
	touch $@

html: $(STAMP) ## build the site into output/ (development settings); reports content problems
	$(PELICAN) $(CONTENT) -s pelicanconf.py -o $(OUTPUT)

serve: $(STAMP) ## serve output/ on http://127.0.0.1:8000 (another port: make serve PORT=8001)
	$(BIN)/python tools/serve.py --host $(HOST) --port $(PORT) --directory $(OUTPUT)

devserver: $(STAMP) ## preview with drafts on 127.0.0.1:8000, rebuilt + reloaded on every save (PORT=8001)
	$(BIN)/python tools/devserver.py --host $(HOST) --port $(PORT)

publish: $(STAMP) ## build with publishconf.py (SITEURL=https://...) into a temp folder, swap into output/ on success
	SITEURL="$(SITEURL)" $(BIN)/python tools/publish.py --output $(OUTPUT)

check: $(STAMP) ## lint the content: every problem as path:line, scheduled content listed; fails on any error
	$(BIN)/python tools/check.py

translations: $(STAMP) ## extract UI strings, update and compile the catalog of every language of CAMPAIGN_LANGUAGES
	$(BIN)/python tools/translations.py update

translations-status: $(STAMP) ## missing and outdated content translations, and each language's untranslated UI strings
	$(BIN)/python tools/translations.py status

lint: $(STAMP) ## ruff lint and format check
	$(BIN)/ruff check plugins tests tools pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests tools pelicanconf.py publishconf.py

format: $(STAMP) ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix plugins tests tools pelicanconf.py publishconf.py
	$(BIN)/ruff format plugins tests tools pelicanconf.py publishconf.py

# Test tool from npm (pinned in package.json/package-lock.json): the Nu HTML Checker, vnu.jar.
# Its postinstall script (a Java downloader) is not run: Java comes from apt (default-jre-headless).
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

system-deps: ## install the Debian packages the tests need (chromium, nginx-light, a JRE, npm) if missing
	bash tools/system-deps.sh

test: $(STAMP) system-deps $(VNU_JAR) lint ## run every test (lint, unit, full builds, browser and server checks)
	$(BIN)/python -m pytest

test-browser: $(STAMP) ## run only the browser checks (Chromium); screenshots in test-artifacts/screenshots/
	$(BIN)/python -m pytest -m browser

clean: ## remove output/, caches and .venv
	rm -rf $(OUTPUT) $(OUTPUT).* .cache .pytest_cache .ruff_cache $(VENV) node_modules test-artifacts

bench: $(STAMP) ## benchmark against plain Pelican and Pillow (BENCH_ARGS=--quick: smoke run); figures in bench-results/
	$(BIN)/python tools/bench.py $(BENCH_ARGS)
