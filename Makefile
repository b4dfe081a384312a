# Campaign microsite. Every target bootstraps .venv on first use; run `make help`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Every Python package, direct and transitive, pinned with its hashes (`make lock` writes them
# from pyproject.toml): building needs requirements/build.txt, tests and lint requirements/test.txt.
REQ_BUILD := requirements/build.txt
REQ_TEST := requirements/test.txt
UV := uv==0.13.8
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --no-strip-markers --custom-compile-command "make lock" $(LOCK_ARGS)
PELICAN := $(BIN)/pelican
CONTENT := content
OUTPUT := output
HOST ?= 127.0.0.1
PORT ?= 8000
SITEURL ?=

.DEFAULT_GOAL := help
.PHONY: help html serve devserver publish check translations translations-status system-deps test test-browser screenshots lint format clean bench lock

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PY) -m venv $(VENV)

# what building needs, and nothing else
$(STAMP): $(REQ_BUILD) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(REQ_BUILD)
	touch $@

# the test and lint tools on top (pytest, Playwright, axe, feedparser, ruff, ...)
$(TEST_STAMP): $(REQ_TEST) $(STAMP)
	$(BIN)/pip install --quiet --require-hashes -r $(REQ_TEST)
	touch $@

lock: | $(BIN)/python ## pin every Python package with hashes from pyproject.toml (LOCK_ARGS=--upgrade: newest)
	$(BIN)/pip install --quiet $(UV)
	mkdir -p requirements
	$(LOCK) -o $(REQ_BUILD)
	$(LOCK) --extra test -c $(REQ_BUILD) -o $(REQ_TEST)

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

lint: $(TEST_STAMP) ## ruff lint and format check, mypy type check, vulture (no dead code)
	$(BIN)/ruff check plugins tests tools pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests tools pelicanconf.py publishconf.py
	$(BIN)/mypy
	$(BIN)/vulture

format: $(TEST_STAMP) ## apply ruff fixes and formatting
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

# pytest-xdist: one worker per core (TEST_WORKERS=0: in this process, e.g. to use a debugger);
# loadgroup keeps the tests of a module that share one site or server (xdist_group) together
TEST_WORKERS ?= auto
test: $(TEST_STAMP) system-deps $(VNU_JAR) lint ## run every test (lint, unit, full builds, browser and server checks)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

test-browser: $(TEST_STAMP) ## run only the browser checks (Chromium; `make screenshots` shoots the pages)
	$(BIN)/python -m pytest -m browser -n $(TEST_WORKERS) --dist loadgroup

screenshots: $(TEST_STAMP) ## full-page screenshots of every page type x language x device + contact sheet, in test-artifacts/screenshots/
	$(BIN)/python tools/screenshots.py

clean: ## remove output/, caches and .venv
	rm -rf $(OUTPUT) $(OUTPUT).* .cache .pytest_cache .ruff_cache $(VENV) node_modules test-artifacts

bench: $(STAMP) ## benchmark against plain Pelican and Pillow (BENCH_ARGS=--quick: smoke run); figures in bench-results/
	$(BIN)/python tools/bench.py $(BENCH_ARGS)
