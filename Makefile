# The two commands a newcomer needs: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install install-runtime run test test-browser lint benchmark clean check-node

# `make run` needs the runtime only; `make test` (and everything else) adds the test tools.
install: $(VENV)/.installed node_modules/.installed static/css/app.css
install-runtime: $(VENV)/.runtime node_modules/.installed static/css/app.css

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# The pinned sass needs Node.js 20.19 or newer (Debian 12's own nodejs package is 18).
check-node:
	@command -v node >/dev/null || { echo "Node.js is needed (20.19 or newer) to build the GOV.UK styles: install it from nodejs.org or NodeSource."; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' || { echo "Node.js $$(node --version) is too old: the pinned sass needs 20.19 or newer (Debian 12 ships 18). Install a newer Node.js from nodejs.org or NodeSource."; exit 1; }

node_modules/.installed: package.json package-lock.json | check-node
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/css/app.css: frontend/app.scss node_modules/.installed
	npm run --silent build

## make run: migrate, load the demo data, then start the web server and the task worker (SQLite, demo mode).
## PORT=8001 make run serves on another port.
run: install-runtime
	$(PY) manage.py migrate --no-input
	DEMO_MODE=1 $(PY) manage.py seed_demo
	@echo "Starting the task worker and the web server on http://127.0.0.1:$${PORT:-8000} (Ctrl+C stops both)"
	DEMO_MODE=1 scripts/run-dev.sh

## make test: the whole suite (unit, integration, browser) on the database in DATABASE_URL (SQLite by default).
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

benchmark: install
	$(PY) -m tests.benchmarks.run $(BENCHMARK_ARGS)

.PHONY: benchmark-national

## make benchmark-national: builds (once) a synthetic national installation on PostgreSQL (NATIONAL_DATABASE_URL,
## default cwr_national: 40,000 workplaces, 1.6 M staff a round, 3 rounds), then times the national and one
## council's workbook with DEBUG=0 against their targets (not in CI; BENCHMARK_ARGS="--repeat 1").
benchmark-national: install
	$(PY) -m tests.benchmarks.run --only bench_export --national $(BENCHMARK_ARGS)

clean:
	rm -rf $(VENV) node_modules static/css staticfiles db.sqlite3* var

.PHONY: stack-start stack-stop load faults stack-sqlite

## make stack-start / stack-stop: the production-like stack for load and fault tests (scripts/stack.sh).
stack-start: install
	scripts/stack.sh start

stack-stop:
	scripts/stack.sh stop

## make load: deadline-day load test (LOAD_ARGS="--users 200 --duration 120s [--survey-pace 1]"); starts and stops its own stack.
load: install
	$(PY) -m tests.load.run $(LOAD_ARGS)

## make faults: worker killed, PostgreSQL restarted and SMTP down under load, with database checks (~3½ minutes).
faults: install
	$(PY) -m pytest -m faults tests/load -v

## make stack-sqlite: the embedded dev stack (run-dev.sh, SQLite) under 20 saves, 10 submits and an upload at once.
stack-sqlite: install
	$(PY) -m pytest -m stack tests/stack -v

.PHONY: security

## make security: the security sweep (tests/security, ~1 minute) then the long Schemathesis run (SECURITY_EXAMPLES, default 100).
security: install
	$(PY) -m pytest tests/security -q
	$(PY) -m tests.security.schemathesis_full --examples $(or $(SECURITY_EXAMPLES),100)
