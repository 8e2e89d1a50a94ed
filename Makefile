# shopchat: `make demo` runs the product, `make test` installs what the tests need and runs them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo serve test test-js lint format test-deps js-deps bench clean

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

# Playwright never downloads a browser here: the tests drive Debian's chromium. The Redis
# outage test starts its own redis-server. Node is for dev tools only (lint, type-check, JS unit
# tests): serving never needs it.
test-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing="$$missing fonts-noto-color-emoji"; \
	dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing="$$missing fonts-wqy-microhei"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	[ -z "$$missing" ] || { echo "installing Debian packages for the tests:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; }

# ESLint, TypeScript and their plugins, exactly as package-lock.json pins them
node_modules/.installed: package.json package-lock.json | test-deps
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

js-deps: node_modules/.installed

lint: install js-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	npx --no-install eslint .
	npx --no-install tsc -p tsconfig.json

format: install js-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	npx --no-install eslint --fix .

# unit tests of the pure browser modules (model, formatting, i18n, store), Node's own runner
test-js: js-deps
	node --test tests/js/*.test.js

test: install test-deps lint test-js
	$(BIN)/pytest

# Benchmarks against two reference servers (loopback only, bounded): see docs/performance.md.
bench: install test-deps
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python bench/run.py --postgres "$${SHOPCHAT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}" \
	  --redis "$${SHOPCHAT_BENCH_REDIS_URL:-redis://127.0.0.1:6379/15}"

clean:
	rm -rf $(VENV) node_modules var tests/artifacts .pytest_cache .ruff_cache
