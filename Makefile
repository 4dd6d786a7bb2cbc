# The two commands: `make site` and `make test`. Everything else is set-up they share.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint validate browser lock clean bench bench-instructions

site: $(STAMP)  ## generate and build the demo site into site/
	$(BIN)/python -m generator build
	@echo "Open site/index.html (or run 'make serve' and open http://127.0.0.1:8000/)"

serve: $(STAMP)  ## live preview with plain mkdocs serve (DIRTY=1: only changed pages, for large corpora)
	$(BIN)/mkdocs serve --livereload $(if $(DIRTY),--dirty)

validate: $(STAMP)  ## check every stored record and scan, strictly
	$(BIN)/python -m generator validate --strict

test: $(STAMP) browser  ## the whole suite: lint, types, unit, golden, end-to-end, browser
	$(BIN)/ruff check generator tests $(wildcard bench)
	$(BIN)/ruff format --check generator tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests $(wildcard bench)
	$(BIN)/mypy

# Browser tests drive Debian's chromium; install it when missing and we may (root + apt).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "warning: /usr/bin/chromium missing; browser tests will fail" >&2; fi; \
	fi

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

lock:  ## re-pin requirements.lock from requirements.in in a scratch venv
	rm -rf /tmp/lock-venv && $(PYTHON) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet -r requirements.in
	{ echo '# Pinned by `pip freeze` from requirements.in (Python 3.11). Regenerate: make lock'; \
	  /tmp/lock-venv/bin/pip freeze; } > requirements.lock

clean:
	rm -rf $(VENV) site build/docs build/exports .site-staging

# Targets the GitHub Actions workflows run (.github/workflows/): CI there runs what runs here.
.PHONY: install publish ci-browser lint-workflows

install: $(STAMP)  ## create .venv with the pinned dependencies of requirements.lock

publish: $(STAMP)  ## strict build into site/: any rejected file or unknown key fails (what Actions deploys)
	$(BIN)/python -m generator build --strict

# GitHub-hosted runners ship Google Chrome, not Debian's chromium: point /usr/bin/chromium at it.
ci-browser:  ## make the browser tests' /usr/bin/chromium available on a GitHub-hosted runner
	@if [ ! -x /usr/bin/chromium ] && command -v google-chrome >/dev/null; then \
	  echo "Using $$(command -v google-chrome) as /usr/bin/chromium"; \
	  sudo ln -sf "$$(command -v google-chrome)" /usr/bin/chromium; \
	fi
	@$(MAKE) --no-print-directory browser

lint-workflows: $(STAMP)  ## check .github/workflows/ with actionlint (pinned in requirements.lock)
	$(BIN)/actionlint

# Benchmark (bench/*.py print figures; nothing is asserted). N: record counts for the full pipeline.
N ?= 1000 10000
BENCH_DIR ?= /tmp/research-site-bench
bench: $(STAMP) browser  ## every stage at each N (make bench N=10000), search payload, the generator alone at the last N and at 100,000
	$(BIN)/python bench/run.py --records $(N) --workdir $(BENCH_DIR)
	$(BIN)/python bench/search_payload.py $(BENCH_DIR)/n$(lastword $(N))/site "verified claims" alignment
	$(BIN)/python bench/run.py --records $(lastword $(N)) --generator-only --workdir $(BENCH_DIR)
	$(BIN)/python bench/run.py --records 100000 --generator-only --runs 1 --workdir $(BENCH_DIR)
	rm -rf $(BENCH_DIR)/.bench-trash  # replaced outputs, kept aside until now (bench/run.py: Trash)

bench-instructions: $(STAMP)  ## instructions per record (valgrind's callgrind): compares commits whatever the machine's speed
	$(BIN)/python bench/instructions.py --workdir $(BENCH_DIR)
