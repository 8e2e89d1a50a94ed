# shopchat: `make demo` runs the product, `make test` installs what the tests need and runs them.
# Python packages come from requirements.lock only: exact versions with their hashes for 3.11-3.13
# and every extra, compiled from pyproject.toml's ranges by uv (installed from PyPI into its own
# folder, .tools/uv). `make lock` after editing a range.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
UV_DIR := .tools/uv
UV     := $(UV_DIR)/bin/uv
UV_REQ := uv>=0.13,<0.14
LOCK   := requirements.lock
LOCK_ARGS := pyproject.toml --universal --python-version 3.11 --all-extras --group pyproject.toml:dev \
	--generate-hashes --quiet
# the interpreter is the one named here: uv never downloads one
export UV_PYTHON_DOWNLOADS := never
# sync an environment (folder $1, interpreter $2) to the lock exactly, then shopchat editable
define sync
	[ -x $(1)/bin/python ] || $(UV) venv --quiet --python $(2) $(1)
	$(UV) pip sync --quiet --python $(1)/bin/python --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(1)/bin/python --no-deps -e .
endef

.PHONY: install demo serve test test-3.13 test-js lint format test-deps js-deps bench lock clean

$(UV):
	@$(PYTHON) -m venv $(UV_DIR) 2>/dev/null || { \
	  echo "python venv support missing: installing python3-venv"; rm -rf $(UV_DIR); \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && \
	  $(PYTHON) -m venv $(UV_DIR); }
	$(UV_DIR)/bin/pip install -q --disable-pip-version-check '$(UV_REQ)'

# the runtime, every extra (qa, test, bench) and the dev group (ruff), as the lock pins them
$(STAMP): pyproject.toml $(LOCK) | $(UV)
	$(call sync,$(VENV),$(PYTHON))
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

# The unit and integration suites on Python 3.13 too (CI runs this after `make test`), in a second
# environment synced from the same lock. pyenv's python3.13 shim refuses to run unless the
# version is named, hence the interpreter's own path.
PY313   ?= $(shell p="$$(pyenv root 2>/dev/null)/versions/3.13.0/bin/python3.13"; \
             [ -x "$$p" ] && echo "$$p" || command -v python3.13)
VENV313 := .venv-3.13
test-3.13: $(UV) test-deps
	@[ -n "$(PY313)" ] || { echo "no Python 3.13 found: set PY313=/path/to/python3.13"; exit 1; }
	$(call sync,$(VENV313),$(PY313))
	$(VENV313)/bin/pytest tests/unit tests/integration

# Benchmarks against two reference servers (loopback only, bounded): see docs/performance.md.
bench: install test-deps
	$(BIN)/python bench/run.py --postgres "$${SHOPCHAT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}" \
	  --redis "$${SHOPCHAT_BENCH_REDIS_URL:-redis://127.0.0.1:6379/15}"

# after editing a range in pyproject.toml: re-resolve the lock, keeping the pins that still fit
# (commit it with the change); tests/unit/test_lock.py runs the same command
lock: $(UV)
	$(UV) pip compile $(LOCK_ARGS) -o $(LOCK)

clean:
	rm -rf $(VENV) $(VENV313) .tools node_modules var tests/artifacts .pytest_cache .ruff_cache
