# craftcity: `make run` serves the demo city, `make test` runs every check. See README.md.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CRAFTCITY := $(BIN)/craftcity
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system-packages run serve demo test lint check-migrations messages compile-messages \
        test-sqlite test-postgres smoke bench clean lock

$(BIN)/craftcity: pyproject.toml constraints.txt
	scripts/ensure-system-packages run
	test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,routing]'
	mkdir -p var
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(BIN)/craftcity node_modules/.package-lock.json

system-packages:
	scripts/ensure-system-packages

demo: install compile-messages
	mkdir -p var
	$(CRAFTCITY) migrate --no-input
	$(CRAFTCITY) load_demo
	$(CRAFTCITY) ensure_demo_admin

run: demo
	@echo "craftcity: http://$(HOST):$(PORT)/  (back office: /admin/, user 'admin', password 'admin' — demo only)"
	@# The job worker (imports of uploaded files) runs beside the server and stops with it.
	$(CRAFTCITY) db_worker --interval 1 -v0 & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	$(CRAFTCITY) runserver $(HOST):$(PORT)

serve: run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: install
	DJANGO_SETTINGS_MODULE=craftcity.settings.test $(CRAFTCITY) makemigrations --check --dry-run

compile-messages: install
	cd craftcity && ../$(CRAFTCITY) compilemessages --ignore '.venv' -v0

messages: install
	cd craftcity && ../$(CRAFTCITY) makemessages -l kk -l ru -l en --no-obsolete --no-location --ignore 'static/*'

test-sqlite: install compile-messages
	$(BIN)/pytest -n 2 -q

test-postgres: install compile-messages
	scripts/with-postgres $(BIN)/pytest -n 2 -q

# The README's production section on loopback: gunicorn, the job worker, PostgreSQL (scripts/smoke-production).
smoke: install compile-messages
	scripts/with-postgres scripts/smoke-production

test: install system-packages lint check-migrations compile-messages test-sqlite test-postgres smoke

bench: install
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,routing,bench]'
	scripts/with-postgres $(PY) -m bench

lock:
	$(PY) -m pip freeze --exclude-editable > constraints.txt

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
