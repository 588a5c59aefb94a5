# The two commands a newcomer needs are `make demo` and `make test`; both set themselves up.
# `make test DJANGO=6.1` runs the same on Django 6.1, with Python 3.12 or 3.13, in its own venv.
DJANGO ?= 5.2
ifeq ($(DJANGO),5.2)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
CONSTRAINTS := requirements/constraints.txt
PYTHON_WANTED := Python 3.11
else
# The first python3.12/3.13 that runs: on PATH, else one installed by pyenv (whose shims
# exist for every version but run only the ones selected).
PYTHON ?= $(firstword $(foreach p,python3.12 python3.13 \
	$(wildcard $(or $(PYENV_ROOT),$(HOME)/.pyenv)/versions/3.1[23].*/bin/python), \
	$(shell $(p) -c "" 2>/dev/null && command -v $(p))))
VENV := .venv-django$(DJANGO)
CONSTRAINTS := requirements/django-$(DJANGO).txt
PYTHON_WANTED := Python 3.12 or 3.13
endif
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Both cores by default; `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n auto
export DJANGO_SETTINGS_MODULE ?= example_site.settings.dev

.PHONY: demo test lint format docs settings-docs messages bench clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Django $(DJANGO) needs $(PYTHON_WANTED): install one" \
	  "(e.g. pyenv install 3.12.1) or name it with PYTHON=/path/to/python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo: $(BIN)/python pyproject.toml $(CONSTRAINTS) requirements/common.txt
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e ".[example]"
	touch $@

$(VENV)/.test: $(BIN)/python pyproject.toml $(CONSTRAINTS) requirements/common.txt
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e ".[test]"
	touch $@ $(VENV)/.demo

demo: $(VENV)/.demo
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST)

test: $(VENV)/.test
	DJANGO_SETTINGS_MODULE=example_site.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

docs: $(VENV)/.test
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# docs/settings.md's table, from wagtail_send/conf.py: run after changing a setting.
settings-docs: $(VENV)/.demo
	$(BIN)/python docs/settings_table.py

# Needs GNU gettext (apt-get install gettext). The compiled catalogues are committed,
# so installing and running the site never does.
messages: $(VENV)/.demo
	cd wagtail_send && PYTHONPATH=.. ../$(BIN)/django-admin makemessages --locale en_GB --no-obsolete
	cd wagtail_send && PYTHONPATH=.. ../$(BIN)/django-admin compilemessages

bench: $(VENV)/.test
	$(BIN)/python manage.py send_bench

clean:
	rm -rf .venv .venv-django* db.sqlite3* media static site dist build .test-media
