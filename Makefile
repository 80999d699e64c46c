# The two commands of the README: `make demo` and `make test`.
# Each creates .venv and installs what it needs when absent.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8866

.PHONY: demo hub test lint chromium postgres proxy benchmark clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "nsc-workshop needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test,postgres,hub]"
	touch $@ $(VENV)/.app-installed

## Run the kit on the sample workshop (loads it once), serving the apps on 127.0.0.1:$(PORT).
demo: $(VENV)/.app-installed
	$(VENV)/bin/nsc-workshop demo --port $(PORT)

$(VENV)/.hub-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[hub]"
	touch $@

## A trial of the hub for many cities on this computer (JupyterHub, its proxy, a throwaway PostgreSQL): http://127.0.0.1:8000
hub: $(VENV)/.hub-installed postgres proxy
	$(PY) deploy/trial.py

## Install Debian's Chromium for the browser tests when it is missing.
chromium:
	@bash scripts/install-chromium.sh

## Install Debian's PostgreSQL when it is missing (the tests start a throwaway server with it).
postgres:
	@bash scripts/install-postgres.sh

## Install JupyterHub's proxy (npm's configurable-http-proxy, into $(VENV)/node) when it is missing.
proxy: | $(PY)
	@VENV=$(abspath $(VENV)) bash scripts/install-proxy.sh

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## Lint, type-check and run every test; browser and PostgreSQL tests must run (not be skipped).
## --nbval-lax also runs every cell of the shipped notebooks (nbval), on a temporary store (see conftest.py).
test: $(VENV)/.test-installed chromium postgres proxy lint
	NSC_REQUIRE_BROWSER=1 NSC_REQUIRE_POSTGRES=1 $(PY) -m pytest --nbval-lax --durations=25 $(PYTEST_ARGS)

benchmark: $(VENV)/.test-installed chromium
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build
