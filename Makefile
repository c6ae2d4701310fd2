# Everyday targets. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOLD ?= ../shared/gold

.PHONY: install demo test fuzz eval eval-polnear train train-speakers train-quote-cues bench bench-scale bench-quotes bench-times bench-store bench-coref bench-api serve lint clean

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

# The browser tests drive Debian's Chromium; installed here (as root) when missing.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "$(CHROMIUM) is missing: run 'sudo apt-get install chromium' for the browser tests"; \
	fi

test: install $(CHROMIUM)
	$(BIN)/pytest

# The property-based suite (tests/fuzz) for FUZZ_SECONDS in all; `make test` runs a short pass.
FUZZ_SECONDS ?= 600
fuzz: install
	NEWSEVENTS_FUZZ_PROFILE=fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest tests/fuzz

# newsevents eval prints its tables and saves its predictions; the shared scorer
# (the yardstick, ../shared/tools/score.py) then scores the same predictions per folder.
SCORER ?= $(GOLD)/../tools/score.py
EVAL_OUT ?= out/eval

eval: install
	@if [ -d "$(GOLD)" ]; then \
		rm -rf $(EVAL_OUT); \
		$(BIN)/newsevents eval $$(ls -d $(GOLD)/*/) --save $(EVAL_OUT); \
		if [ -f "$(SCORER)" ]; then \
			for d in $(EVAL_OUT)/*/; do \
				echo "== $(SCORER) $(GOLD)/$$(basename $$d)"; \
				$(BIN)/python $(SCORER) $(GOLD)/$$(basename $$d) $$d; \
				for r in $$d*.resolve.jsonl; do \
					[ -f "$$r" ] || continue; \
					tsv=$(GOLD)/$$(basename $$d)/$$(basename $$r .jsonl).tsv; \
					echo "== $(SCORER) --resolve $$tsv"; \
					$(BIN)/python $(SCORER) --resolve $$tsv $$r; \
				done; \
			done; \
		fi; \
	else \
		echo "$(GOLD) is absent: no gold sets to evaluate against"; \
	fi

# The learned event pass: 5-fold cross-validation on data/train/events (texts read in place
# from ../shared), then the model kb/models/events.npz fitted on every training article.
$(VENV)/.train-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,train]'
	touch $@

train: $(VENV)/.train-installed
	$(BIN)/newsevents train-events

# The speaker ranker (extract/speaker_model.py): fitted on the polnear training set's four
# tuning fifths (read in place; the held-out fifth is never read), written to kb/models/.
train-speakers: $(VENV)/.train-installed
	$(BIN)/newsevents train-speakers $(GOLD)/../train/polnear

# The quote-cue table (extract/cue_model.py): learned from the same four fifths, written to
# kb/models/quote_cues.json.
train-quote-cues: $(VENV)/.train-installed
	$(BIN)/newsevents train-quote-cues $(GOLD)/../train/polnear

# Quotes on the polnear training set (read in place): the held-out fifth (sorted list,
# index % 5 == 4, never tuned on) and the tuning four fifths; predictions under EVAL_OUT.
eval-polnear: install
	GOLD=$(GOLD) scripts/eval_polnear_splits.sh both $(EVAL_OUT)-polnear

bench: install
	$(BIN)/python bench/bench.py

bench-scale: install
	GOLD=$(GOLD) $(BIN)/python bench/bench_scale.py

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

# 100,000 synthetic articles' records, served on 127.0.0.1, 50 concurrent clients.
bench-api: install
	$(BIN)/python bench/bench_api.py

# The API and the page on DB (the bundled sample is ingested into a new one first).
DB ?= newsevents.db
serve: install
	@if [ ! -f "$(DB)" ]; then \
		$(BIN)/newsevents ingest src/newsevents/data/budapest.txt --published 2025-10-17 --db "$(DB)"; \
	fi
	$(BIN)/newsevents serve --db "$(DB)"

# Regenerate kb/field/ from the PETRARCH2 and NGEC repositories (git checkouts or git dirs):
# make dictionaries PETRARCH2=../petrarch2 NGEC=../NGEC
.PHONY: dictionaries
dictionaries: install
	@test -n "$(PETRARCH2)" || { echo "give PETRARCH2=path/to/petrarch2 [NGEC=path/to/NGEC]"; exit 2; }
	$(BIN)/python scripts/import_dictionaries.py --petrarch2 "$(PETRARCH2)" $(if $(NGEC),--ngec "$(NGEC)")

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
