# The two commands a newcomer needs are `make demo` and `make test`; both set themselves up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Both cores by default; `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n auto
export DJANGO_SETTINGS_MODULE ?= example_site.settings.dev

.PHONY: demo test lint format docs settings-docs messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo: $(BIN)/python pyproject.toml requirements/constraints.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[example]"
	touch $@

$(VENV)/.test: $(BIN)/python pyproject.toml requirements/constraints.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[test]"
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
	rm -rf $(VENV) db.sqlite3* media static site dist build .test-media
