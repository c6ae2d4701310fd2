# Everyday targets. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOLD ?= ../shared/gold

.PHONY: install demo test fuzz eval bench bench-quotes bench-times bench-store bench-coref lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Upgrade pip first: a fresh venv's pip 23 installs trafilatura without lxml_html_clean.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/newsevents demo

test: install
	$(BIN)/pytest

# The property-based suite (tests/fuzz) for FUZZ_SECONDS in all; `make test` runs a short pass.
FUZZ_SECONDS ?= 600
fuzz: install
	NEWSEVENTS_FUZZ_PROFILE=fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest tests/fuzz

eval: install
	@if [ -d "$(GOLD)" ]; then \
		$(BIN)/newsevents eval $$(ls -d $(GOLD)/*/); \
	else \
		echo "$(GOLD) is absent: no gold sets to evaluate against"; \
	fi

bench: install
	$(BIN)/python bench/bench.py

$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@

bench-quotes: $(VENV)/.bench-installed
	$(BIN)/python bench/bench_quotes.py $(GOLD)/polnear $(GOLD)/dev

bench-times: $(VENV)/.bench-installed
	$(BIN)/python bench/compare_times.py $(GOLD)/timebank

bench-coref: install
	$(BIN)/python bench/bench_coref.py -v

bench-store: install
	$(BIN)/python bench/bench_store.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
