# Two commands do everything on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# One stamp per extra, named by pyproject.toml's checksum: `make build` installs only what building
# needs; `make test` and `make print` add their extras the first time they run.
SUM    := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP  := $(VENV)/.installed-$(SUM)
CONTENT ?= content
OUTPUT  ?= output

.PHONY: build test lint format serve print clean system-deps bench

build: $(STAMP)-build
	$(VENV)/bin/samling build --content $(CONTENT) --output $(OUTPUT)

$(VENV)/.venv-$(SUM):
	@$(PYTHON) -c 'import sys; sys.exit("Samling needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	rm -f $(VENV)/.venv-* $(VENV)/.installed-*
	touch $@

# The accelerators (extra `fast`) come from wheels only; without a wheel the build goes without them.
$(STAMP)-build: pyproject.toml $(VENV)/.venv-$(SUM)
	$(PY) -m pip install -q -e ".[fast]" --only-binary markdown-it-pyrs || $(PY) -m pip install -q -e .
	touch $@

$(STAMP)-test $(STAMP)-print: $(STAMP)-%: pyproject.toml $(VENV)/.venv-$(SUM)
	$(PY) -m pip install -q -e ".[$*,fast]" --only-binary markdown-it-pyrs || $(PY) -m pip install -q -e ".[$*]"
	touch $@

# What the browser, print and HTML-validity tests need from Debian.
system-deps:
	@sh scripts/system-deps.sh

lint: $(STAMP)-test
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/ruff format --check generator tests bench
	$(VENV)/bin/pyright generator

format: $(STAMP)-test
	$(VENV)/bin/ruff format generator tests bench
	$(VENV)/bin/ruff check --fix generator tests bench

test: $(STAMP)-test system-deps lint
	$(PY) -m pytest

serve: $(STAMP)-build
	$(VENV)/bin/samling serve --content $(CONTENT) --output $(OUTPUT)

print: $(STAMP)-print
	@sh scripts/system-deps.sh print
	$(VENV)/bin/samling print --content $(CONTENT) --output $(OUTPUT)

bench: $(STAMP)-test
	$(PY) bench/run.py

clean:
	rm -rf $(OUTPUT) .$(OUTPUT).tmp-* .$(OUTPUT).old-* .samling-cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
