# Developer and CI entry points. `make run` starts the dashboard, `make test` is what CI runs (.ci/run).

PYTHON ?= python3.11
VENV := .venv
VENV_PY := $(VENV)/bin/python
VENV_PIP := $(VENV)/bin/pip
RUNTIME_STAMP := $(VENV)/.requirements.stamp
DEV_STAMP := $(VENV)/.requirements-dev.stamp
CHROMIUM := /usr/bin/chromium
# The export tests open every Excel and Word file in LibreOffice (issue 5 §4).
LIBREOFFICE := /usr/bin/libreoffice
PDFTOTEXT := /usr/bin/pdftotext
# Liberation 2 has the Vietnamese letters (ạ, ệ, ữ) that Liberation 1 lacks: LibreOffice uses it for Times New Roman.
VIET_SERIF := /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf
# Grade icons (✅ ⚠️ ❌) in the browser tests' screenshots need a colour emoji font.
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
# Same rule as the application: CCHC_DB when set, else data/cchc.duckdb.
DB ?= $(or $(CCHC_DB),data/cchc.duckdb)
PORT ?= 8501
# Issue 12 §8: the dashboard listens on this PC only; `make run ADDRESS=0.0.0.0` serves the network.
ADDRESS ?= 127.0.0.1
DEMO_ARGS ?=
PIP_INSTALL := $(VENV_PIP) install --disable-pip-version-check --quiet
# apt-get needs root: use sudo only when not already root (CI containers run as root without sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.DEFAULT_GOAL := help
.PHONY: help venv dev-venv demo-db run test lint format bench clean distclean

help:
	@echo "make run      dashboard on http://localhost:$(PORT), this PC only (builds .venv and a demo database if missing)"
	@echo "make test     ruff + all tests, browser tests included (installs dev tools and Chromium)"
	@echo "make lint     ruff check and format check"
	@echo "make format   ruff format and safe fixes"
	@echo "make bench    run bench/*.py"
	@echo "make venv     .venv with the runtime requirements"
	@echo "make demo-db  build $(DB) with demo data unless it exists"
	@echo "make clean    caches and screenshots (keeps .venv and the database); distclean also removes .venv"

venv: $(RUNTIME_STAMP)

dev-venv: $(DEV_STAMP)

# A Debian python3.11 without the python3.11-venv package cannot create a venv with pip (no ensurepip):
# install that package and try again.
$(VENV_PIP):
	$(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		$(APT_GET) update && $(APT_GET) install -y --no-install-recommends python3.11-venv; \
		$(PYTHON) -m venv $(VENV); }

# The stamps make pip run again only when a requirements file changes.
$(RUNTIME_STAMP): requirements.txt constraints.txt | $(VENV_PIP)
	$(PIP_INSTALL) -r requirements.txt -c constraints.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt requirements.txt constraints.txt | $(VENV_PIP)
	$(PIP_INSTALL) -r requirements-dev.txt -c constraints.txt
	touch $@ $(RUNTIME_STAMP)

# The browser tests drive Debian's Chromium, not a browser downloaded by Playwright; the Word report's charts
# are drawn by kaleido in the same Chromium, so `make run` installs it too.
$(CHROMIUM):
	$(APT_GET) update
	$(APT_GET) install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core

$(LIBREOFFICE):
	$(APT_GET) update
	$(APT_GET) install -y --no-install-recommends libreoffice-calc libreoffice-writer fonts-liberation

# The export tests read back the text of the PDF LibreOffice made.
$(PDFTOTEXT):
	$(APT_GET) update
	$(APT_GET) install -y --no-install-recommends poppler-utils

$(VIET_SERIF):
	$(APT_GET) update
	$(APT_GET) install -y --no-install-recommends fonts-liberation2

$(EMOJI_FONT):
	$(APT_GET) update
	$(APT_GET) install -y --no-install-recommends fonts-noto-color-emoji

# Never overwrites an existing database: it may hold real imports.
demo-db: venv
	@if [ -f "$(DB)" ]; then \
		echo "$(DB) exists: kept (delete it to rebuild the demo)"; \
	else \
		$(VENV_PY) -m dashboard demo --db "$(DB)" $(DEMO_ARGS); \
	fi

run: venv demo-db $(CHROMIUM) $(VIET_SERIF)
	CCHC_DB="$(DB)" $(VENV)/bin/streamlit run streamlit_app.py --server.port $(PORT) --server.headless true \
		--server.address $(ADDRESS) --browser.gatherUsageStats false

test: $(DEV_STAMP) $(CHROMIUM) $(EMOJI_FONT) $(LIBREOFFICE) $(PDFTOTEXT) $(VIET_SERIF)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV_PY) -m pytest tests

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Benchmarks are not part of `make test`; bench/ may hold none yet.
bench: $(DEV_STAMP)
	@found=0; \
	for script in bench/*.py; do \
		[ -e "$$script" ] || continue; \
		found=1; \
		echo "== $$script"; \
		PYTHONPATH=. $(VENV_PY) "$$script" || exit 1; \
	done; \
	[ $$found = 1 ] || echo "No benchmarks in bench/ yet."

clean:
	rm -rf .pytest_cache .ruff_cache .hypothesis screenshots bench/out
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
