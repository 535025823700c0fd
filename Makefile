# The two commands the README opens with. Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint setup setup-test clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[devserver]'

setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

# Main job on the embedded store: validate the shipped inventory, then answer the DPO's questions.
run: setup
	$(BIN)/datamap validate
	$(BIN)/datamap who-receives "payment information"
	$(BIN)/datamap what-is-sold
	$(BIN)/datamap transfers

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
