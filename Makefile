# shopchat: `make demo` runs the product, `make test` installs what the tests need and runs them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo serve test lint format test-deps bench clean

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
# outage test starts its own redis-server.
test-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing="$$missing fonts-noto-color-emoji"; \
	dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing="$$missing fonts-wqy-microhei"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	[ -z "$$missing" ] || { echo "installing Debian packages for the tests:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install test-deps lint
	$(BIN)/pytest

# Benchmarks against two reference servers (loopback only, bounded): see docs/performance.md.
bench: install test-deps
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python bench/run.py --postgres "$${SHOPCHAT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}" \
	  --redis "$${SHOPCHAT_BENCH_REDIS_URL:-redis://127.0.0.1:6379/15}"

clean:
	rm -rf $(VENV) var tests/artifacts .pytest_cache .ruff_cache
