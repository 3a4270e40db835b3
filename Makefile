# The two commands of the README: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Test processes: one per core on the 2-core machines we run on.
PYTEST_WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test production load-test install install-test assets chromium migrate seed lint format messages worker scheduler clean

run: install assets migrate seed
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-test assets chromium
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Production on this machine, with the production settings in the environment (README, "Running in
# production"): the database and static files brought up to date, then gunicorn, the task worker and the
# scheduler under supervisord, which restarts any of them that exits.
SUPERVISOR_RUN_DIR ?= $(CURDIR)/.run
production: export DJANGO_ENV = production
production: install assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py sync_portal_pages
	$(PY) manage.py check --deploy --fail-level WARNING
	mkdir -p $(SUPERVISOR_RUN_DIR)
	rm -rf $(SUPERVISOR_RUN_DIR)/prometheus && mkdir $(SUPERVISOR_RUN_DIR)/prometheus
	VENV=$(CURDIR)/$(VENV) SUPERVISOR_RUN_DIR=$(SUPERVISOR_RUN_DIR) PROMETHEUS_MULTIPROC_DIR=$(SUPERVISOR_RUN_DIR)/prometheus exec $(VENV)/bin/supervisord -c deploy/supervisord.conf

# The packages are installed by uv (from PyPI into the venv), which does in 9 s what pip does in 40.
UV := $(VENV)/bin/uv pip install --quiet --python $(PY)

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/bin/uv: | $(VENV)/bin/activate
	$(PIP) install --quiet uv

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/uv
	$(UV) -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(VENV)/bin/uv
	$(UV) -r requirements-test.txt
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed

install-test: $(VENV)/.test-installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json

# Browser tests drive Debian's Chromium. As root we install it; elsewhere they are skipped
# with a message saying so (and in CI, where CI=true, they fail instead).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing Chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium is missing and we are not root: browser tests will be skipped."; \
		fi; \
	fi

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo

worker: install
	$(PY) manage.py worker

scheduler: install
	$(PY) manage.py scheduler

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-extract the Norwegian catalogue after changing user-facing strings (needs GNU gettext).
# Load and fault tests of `make production` on loopback, about 12 minutes (deploy/load/run.py says what they
# check); as root, since PostgreSQL is restarted. Not part of `make test` or CI.
load-test: install assets
	$(UV) -r requirements-load.txt
	$(PY) deploy/load/run.py all

messages: install
	$(PY) manage.py makemessages --locale nb --no-obsolete --ignore=node_modules --ignore=.venv
	$(PY) manage.py compilemessages --locale nb --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules staticfiles
