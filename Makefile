# The two commands the README opens with. Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run demo test lint bench bench-scan bench-draft screenshots setup setup-test graphviz node postgres chromium clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Diagrams need Graphviz's `dot`: install Debian's package where it is missing.
graphviz:
	@command -v dot >/dev/null 2>&1 || apt-get install -y -qq graphviz >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq graphviz) \
		|| (echo "Graphviz's dot is missing and could not be installed: apt-get install graphviz" >&2; exit 1)

# The package is installed editable: a stamp per extra, redone only when pyproject.toml changes.
$(VENV)/.installed-devserver: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[devserver]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed-devserver graphviz

# Neo4j's own Cypher front end (npm, pinned by package-lock.json) for the dialect test.
DIALECT := tests/catalog/stores/neo4j/dialect
node:
	@command -v npm >/dev/null 2>&1 || apt-get install -y -qq nodejs npm >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq nodejs npm) \
		|| (echo "Node.js and npm are missing and could not be installed: apt-get install nodejs npm" >&2; exit 1)

$(DIALECT)/node_modules/.installed: $(DIALECT)/package.json $(DIALECT)/package-lock.json
	npm ci --prefix $(DIALECT) --no-audit --no-fund --silent
	touch $@

# The scanner's tests start a real PostgreSQL from Debian's package (initdb/pg_ctl).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
		|| apt-get install -y -qq postgresql >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq postgresql) \
		|| (echo "PostgreSQL is missing and could not be installed: apt-get install postgresql" >&2; exit 1)

# The browser tests drive Debian's chromium over the DevTools protocol.
chromium:
	@command -v chromium >/dev/null 2>&1 || apt-get install -y -qq chromium >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq chromium) \
		|| (echo "Chromium is missing and could not be installed: apt-get install chromium" >&2; exit 1)

# fideslang's own models check the Fides export (tests/catalog/exports/test_fides_fideslang.py):
# fideslang 3.1.4 needs pydantic <2.13 and datamap a newer one, so it has a venv of its own, run
# in a subprocess. Its dependencies are pinned here, not resolved afresh on every machine.
FIDESLANG := $(VENV)/fideslang
$(FIDESLANG)/.installed: Makefile | $(BIN)/python
	$(PY) -m venv $(FIDESLANG)
	$(FIDESLANG)/bin/python -m pip install --quiet --upgrade pip
	$(FIDESLANG)/bin/python -m pip install --quiet fideslang==3.1.4 pydantic==2.12.5 \
		pyyaml==6.0.2 packaging==25.0
	touch $@

setup-test: $(VENV)/.installed-test graphviz node postgres chromium $(DIALECT)/node_modules/.installed \
	$(FIDESLANG)/.installed

# Main job: validate the shipped inventory and serve the query API on the embedded store.
run: setup
	$(BIN)/datamap validate
	$(BIN)/datamap serve

# The example shop database (illustrative, never Stefere's) scanned into a copy of the inventory,
# then the systems held against the notice. The shipped inventory is left as it is.
DEMO := build/demo
demo: setup
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	cp -r inventory $(DEMO)/inventory && rm -f $(DEMO)/inventory/*.py
	$(BIN)/python -m catalog.dev.shop $(DEMO)/shop.db
	$(BIN)/datamap --inventory $(DEMO)/inventory scan sqlite:///$(DEMO)/shop.db \
		--write --system shop-db --name "Example shop database (illustrative)"
	$(BIN)/datamap --inventory $(DEMO)/inventory where "payment information"
	$(BIN)/datamap --inventory $(DEMO)/inventory findings --family systems

# ruff, then the layer contracts of pyproject.toml (docs/architecture.md "Layout"), then the
# type checker (pyproject.toml [tool.mypy]).
lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

# The tests start with the whole lint (ruff, its formatter, import-linter, mypy): CI runs this.
test: lint
	$(BIN)/python -m pytest

# Benchmarks at a size (S, M or L): `make bench SIZE=L`. Results in bench/results/.
SIZE ?= M
bench: setup-test
	$(BIN)/python -m bench --size $(SIZE)

# The data map in headless Chromium at two sizes, for review: build/screenshots/.
screenshots: setup-test
	$(BIN)/python -m bench.screenshots

# The scanner: precision and recall on the labelled corpus, throughput against a bare SELECT.
bench-scan: setup-test
	$(BIN)/python -m bench.scan

# The drafter: precision and recall per list against the hand-labelled keys (Stefere's inventory
# and bench/policies/), beside a keyword baseline, and its speed. Results in bench/results/draft.md.
bench-draft: setup-test
	$(BIN)/python -m bench.draft

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache $(DIALECT)/node_modules
