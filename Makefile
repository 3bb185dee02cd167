# Two front doors: `make demo` (crawl, build and serve the bundled demo council) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test debian-packages bench

$(BIN)/promises: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/promises
	$(BIN)/promises demo

debian-packages:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils)

test: $(BIN)/promises debian-packages
	$(BIN)/pytest -q

bench: $(BIN)/promises debian-packages
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/tagging.py --mb 20 --series 5,10,20,40
	$(BIN)/python benchmarks/tracking.py
	$(BIN)/python benchmarks/articles.py
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(BIN)/python benchmarks/site.py --generate benchmarks/out/site-bench
