# The commands people type. `make run` and `make test` work on a fresh clone: they build what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-deps test-fast bench lint format migrations-check run-deps system-deps js-deps oidc-provider-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed-app run-deps
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content
	@echo
	@echo "prepmeet is starting on http://$(HOST):$(PORT)/"
	@echo "To edit the worksheet content, create an admin account (in another terminal):"
	@echo "    $(BIN)/python manage.py createsuperuser"
	@echo "then sign in at http://$(HOST):$(PORT)/admin/"
	@echo
	@# With REDIS_URL the background PDF renders go to a queue: its worker runs beside the server and stops with
	@# it (docs/production.md). Without REDIS_URL the server renders them in its own threads.
	@if [ -n "$$REDIS_URL" ]; then \
		$(BIN)/python manage.py prerender_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	else \
		exec $(BIN)/python manage.py runserver $(HOST):$(PORT); \
	fi

# Browser and PDF-image tests need Chromium and pdftoppm; system-deps installs them when it can (as root).
# The accessibility tests inject axe-core, pinned in package-lock.json; js-deps installs it with `npm ci`.
# The tests run in TEST_WORKERS processes (one per core by default), a test file to a process, each with its
# own test database: `make test TEST_WORKERS=0` runs them in this one process.
# PYTEST_ARGS passes more to pytest (CI's PostgreSQL pass leaves the browser tests to the SQLite pass).
# The slowest fifteen tests are listed at the end, so a CI log shows where its minutes went.
TEST_WORKERS ?= auto
PYTEST_ARGS ?=
test: test-deps
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses=$(TEST_WORKERS) --dist=loadfile --durations=15 $(PYTEST_ARGS)

test-deps: $(VENV)/.installed-test system-deps js-deps oidc-provider-deps

# The single sign-on tests' OpenID provider (oidc-provider, pinned in its own package-lock.json).
oidc-provider-deps:
	@if [ testsupport/oidc_provider/node_modules/.package-lock.json -nt testsupport/oidc_provider/package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --prefix testsupport/oidc_provider --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the single sign-on tests will skip (and fail under CI=true)." >&2; fi

# Everything but the browser tests, the three checkers and the two-server test: a minute or two, no Chromium.
test-fast: $(VENV)/.installed-test
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses=$(TEST_WORKERS) --dist=loadfile --ignore=tests/browser --ignore=tests/checkers --ignore=tests/scale

# The PDFs need Pango, HarfBuzz and Fontconfig; run-deps installs only those when it can (as root).
run-deps:
	@scripts/ensure-system-packages run

system-deps:
	@scripts/ensure-system-packages

js-deps:
	@if [ node_modules/.package-lock.json -nt package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the axe-core accessibility tests will skip (and fail under CI=true)." >&2; fi

# Figures, not tests (nothing here fails on a slow machine): the PDF, pages under gunicorn with wrk, SQL
# queries per page, the render's profile... Tables on stdout, JSON in bench/results/, and from them
# docs/performance-results.md (bench/report.py: commit, date, machine). Also installs wrk.
bench: $(VENV)/.installed-test
	@scripts/ensure-system-packages bench
	$(BIN)/python -m bench

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(VENV)/.installed-app
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles artifacts .pytest_cache node_modules
