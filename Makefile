# Klantcontact: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-dev

.PHONY: run test install lint format migrate seed lock messages ci clean

## Virtual environment, installed from the hash-pinned lock file.
$(STAMP): requirements/dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	touch $(STAMP)

install: $(STAMP)

var:
	mkdir -p var

migrate: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data

## Demo: SQLite under var/, Celery eager, demo data and demo users, served on 127.0.0.1:8000.
run: migrate
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

seed: migrate
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo

## The whole test suite; uses DATABASE_URL / CELERY_BROKER_URL when set, SQLite + eager otherwise.
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

## The project's own code, for the duplicate-code check (pylint's similar lines; see pyproject.toml).
CODE_DIRS := accounts access api audit contacts dataminimisation disclosures erpimport klantcontact \
	knowledgebase persondata processingregister referencedata retention rights bench drills tools \
	loadtest tests

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pylint $(CODE_DIRS)

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Regenerate the Dutch translation catalogue (needs GNU gettext) and compile it.
messages: install
	tools/messages.sh $(PY) compile

## Re-pin dependencies after editing pyproject.toml (uses uv inside the venv).
lock: install
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements/base.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements/dev.lock

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var .pytest_cache
