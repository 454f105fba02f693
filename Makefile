# `make run` and `make test` work on a fresh clone with nothing but Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_PROJECTS ?= 500

.PHONY: run test bench bench-full load serve-prod clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 8050

# The main job: initialise data/, load the demo portfolio and its accounts (once, printing
# their passwords), print the portfolio status, and serve the dashboards and the API with the
# monitor (tracker-scheduler: the daily scan and the notifications) running beside them;
# stopping the server stops the monitor too.
run: $(STAMP)
	$(BIN)/tracker init
	$(BIN)/tracker demo --projects $(DEMO_PROJECTS) --if-empty
	$(BIN)/tracker status --summary
	$(BIN)/tracker-scheduler --no-wait & monitor=$$!; trap 'kill $$monitor 2>/dev/null' EXIT INT TERM; \
	$(BIN)/tracker serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2  # both cores: each worker has its own databases and servers

BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

# The benchmark (bench/run.py): 1,000 and 10,000 projects on SQLite and PostgreSQL, each
# figure against the floor measured in the same run; writes bench/results/latest.{md,json,png}.
bench: $(BENCH_STAMP)
	$(BIN)/python -m bench.run --sizes 1000,10000

# The same with 100,000 projects too (about an hour on two cores).
bench-full: $(BENCH_STAMP)
	$(BIN)/python -m bench.run --sizes 1000,10000,100000

# The load test (bench/load/): 50 users of every role for 3 minutes against serve-prod on a
# PostgreSQL portfolio of 10,000 projects, loopback only; writes bench/results/load.{md,json}.
load: $(BENCH_STAMP)
	$(BIN)/python -m bench.load.run --projects 10000 --users 50 --minutes 3

WEB_WORKERS ?= 4
# Production serving on this machine: gunicorn with $(WEB_WORKERS) workers and one scheduler,
# against TRACKER_DATABASE_URL (PostgreSQL); see README, "Production serving".
serve-prod: $(STAMP)
	$(BIN)/python deploy/serve_prod.py --workers $(WEB_WORKERS) --bind $(HOST):$(PORT)

clean:
	rm -rf $(VENV) data/tracker.sqlite3 data/tracker.sqlite3-*
