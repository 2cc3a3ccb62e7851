# One command each: run the demo, run the tests, lint, type-check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo data is set in the source's period (S/2003/387): its world stands on 30 June 2003.
DEMO_TODAY ?= 2003-06-30

.PHONY: run test lint typecheck install install-test clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

## make run: install, create + migrate the SQLite database, load reference and demo data, serve.
run: export MATCHMAKER_TODAY = $(DEMO_TODAY)
run: install
	$(BIN)/matchmaker db upgrade
	$(BIN)/matchmaker seed --demo
	$(BIN)/matchmaker match refresh
	$(BIN)/matchmaker serve --host $(HOST) --port $(PORT) --show-demo-logins

## make test: install the test extras and run the whole suite (SQLite, plus PostgreSQL and the browser when present).
test: install-test
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/python -m ruff check .

typecheck: install-test
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) matchmaker.db*
