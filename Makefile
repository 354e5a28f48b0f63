# Two commands do everything on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
CONTENT ?= content
OUTPUT  ?= output

.PHONY: build test lint format serve print clean system-deps bench

build: $(STAMP)
	$(VENV)/bin/samling build --content $(CONTENT) --output $(OUTPUT)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Samling needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

# What the browser, print and HTML-validity tests need from Debian.
system-deps:
	@sh scripts/system-deps.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/ruff format --check generator tests bench
	$(VENV)/bin/pyright generator

format: $(STAMP)
	$(VENV)/bin/ruff format generator tests bench
	$(VENV)/bin/ruff check --fix generator tests bench

test: $(STAMP) system-deps lint
	$(PY) -m pytest

serve: $(STAMP)
	$(VENV)/bin/samling serve --content $(CONTENT) --output $(OUTPUT)

print: $(STAMP)
	@sh scripts/system-deps.sh print
	$(VENV)/bin/samling print --content $(CONTENT) --output $(OUTPUT)

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(OUTPUT) .$(OUTPUT).tmp-* .$(OUTPUT).old-* .samling-cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
