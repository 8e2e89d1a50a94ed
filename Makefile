# shopchat: `make demo` runs the product, `make test` installs what the tests need and runs them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo serve test lint format chromium clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python venv support missing: installing python3-venv"; rm -rf $(VENV); \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && \
	  $(PYTHON) -m venv $(VENV); }

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

install: $(STAMP)

demo: install
	$(BIN)/shopchat demo

serve: install
	$(BIN)/shopchat serve

# Playwright never downloads a browser here: the tests drive Debian's chromium.
chromium:
	@[ -x /usr/bin/chromium ] || { \
	  echo "installing Debian's chromium for the end-to-end tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-color-emoji; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install chromium lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var tests/artifacts .pytest_cache .ruff_cache
