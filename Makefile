# `make run` and `make test` work on a fresh clone with nothing but Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_PROJECTS ?= 500

.PHONY: run test bench clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 8050

# The main job: initialise data/, load the demo portfolio and its accounts (once, printing
# their passwords), print the portfolio status, and serve the dashboards and the API.
run: $(STAMP)
	$(BIN)/tracker init
	$(BIN)/tracker demo --projects $(DEMO_PROJECTS) --if-empty
	$(BIN)/tracker status --summary
	$(BIN)/tracker serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/demo_and_status.py
	$(BIN)/python bench/dashboard_callbacks.py
	$(BIN)/python bench/refresh_one.py

clean:
	rm -rf $(VENV) data/tracker.sqlite3 data/tracker.sqlite3-*
