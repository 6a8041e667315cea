# Two commands for a newcomer: `make run` and `make test`. Each builds its own .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := wsgi.py
CATALOGUES := $(wildcard caseflow/translations/*/LC_MESSAGES/messages.po)

.PHONY: run test lint format messages bench clean translations mutation guides

$(BIN)/.installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Compiled catalogues are build products: made from the reviewed .po files, never committed.
caseflow/translations/%/LC_MESSAGES/messages.mo: caseflow/translations/%/LC_MESSAGES/messages.po $(BIN)/.installed
	$(BIN)/pybabel -q compile -d caseflow/translations -D messages

translations: $(CATALOGUES:.po=.mo)

# axe-core for the browser tests' accessibility checks: from the npm registry at the version and
# hash pinned in tests/browser/package-lock.json, into a git-ignored folder (like .venv). Without
# npm the checks skip locally and fail in CI.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the browser tests' accessibility checks will skip"; fi

# The development secret key is refused unless CASEFLOW_ENV says development or testing.
run: export CASEFLOW_ENV := development
run: $(BIN)/.installed translations
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	@echo "Caseflow on http://127.0.0.1:$(PORT)/ (demo data is synthetic; the job queue runs inside)"
	$(BIN)/flask serve --host 127.0.0.1 --port $(PORT)

test: export CASEFLOW_ENV := testing
test: $(BIN)/.installed translations $(AXE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The role guides' screenshots (docs/guides/img/, not committed), taken in Chromium.
guides: export CASEFLOW_ENV := testing
guides: $(BIN)/.installed translations
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_guide_screenshots.py

lint: $(BIN)/.installed
	$(BIN)/ruff check caseflow tests bench migrations config.py wsgi.py
	$(BIN)/ruff format --check caseflow tests bench migrations config.py wsgi.py

format: $(BIN)/.installed
	$(BIN)/ruff check --fix caseflow tests bench migrations config.py wsgi.py
	$(BIN)/ruff format caseflow tests bench migrations config.py wsgi.py

# For translators: refresh the template and merge new strings into every catalogue.
messages: $(BIN)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output \
		--omit-header -o caseflow/translations/messages.pot .
	$(BIN)/pybabel -q update -i caseflow/translations/messages.pot -d caseflow/translations \
		-D messages --ignore-obsolete

bench: export CASEFLOW_ENV := testing
bench: $(BIN)/.installed
	$(BIN)/python bench/clock_deadline.py
	$(BIN)/python bench/cases_pages.py
	$(BIN)/python bench/clock_sweep.py
	$(BIN)/python bench/pack_render.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/signin.py
	$(BIN)/python bench/read_audit.py
	$(BIN)/python bench/duplicates.py

# Mutation testing of caseflow/domain against the domain tests ([mutmut] in setup.cfg); the
# figures and the survivors' explanations are in README.md. Lists the mutants left alive.
mutation: $(BIN)/.installed
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

clean:
	rm -rf $(VENV) instance artifacts .pytest_cache mutants tests/browser/node_modules
