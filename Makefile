# The two commands of the set-up contract: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test lint format worker clean

help:
	@echo "make run    serve the site and its worker at http://127.0.0.1:$(PORT)/ (PORT= to change)"
	@echo "make test   linters and the whole test suite"
	@echo "make format reformat the code with ruff"

# The stamp files re-run pip only when a requirements file changes.
$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (PYTHON=... to choose one).")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@touch $@

$(VENV)/.runtime: $(VENV)/.created requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

run: export DJANGO_DEBUG = 1
run: $(VENV)/.runtime
	@mkdir -p var
	$(PY) manage.py migrate --noinput --verbosity 0
	@$(PY) manage.py setup_dev --site-url http://127.0.0.1:$(PORT)
	@echo "Serving http://127.0.0.1:$(PORT)/ with the background worker; Ctrl-C stops both."
	@PY=$(PY) PORT=$(PORT) bin/serve

worker: export DJANGO_DEBUG = 1
worker: $(VENV)/.runtime
	$(PY) manage.py db_worker

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: export DJANGO_SETTINGS_MODULE = tests.settings
test: $(VENV)/.dev lint
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) var test-results .pytest_cache .ruff_cache
