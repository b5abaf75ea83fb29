# The few verbs people use. `make serve` and `make test` set everything up on a fresh clone.
VENV   := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical check test bench lock browsers fribidi clean

# The settings (mkdocs.yml over config/site.yml) are read safely first: MkDocs and Zensical load
# them with PyYAML's full loader, whose Python tags run code, before any check of theirs.
SETTINGS := $(PYTHON) -m statement_site settings

# `mkdocs serve --strict`, the settings read safely before it starts and before each rebuild, and
# started again when the code changed (statement_site/serve.py).
serve: $(VENV)/site.stamp | fribidi  ## Serve the site with live reload at http://127.0.0.1:8000/
	$(PYTHON) -m statement_site serve --dev-addr 127.0.0.1:8000

build: $(VENV)/site.stamp | fribidi  ## Build the static site into site/
	$(SETTINGS)
	$(PYTHON) -m mkdocs build --strict

# The same site with Zensical, which runs no hooks: the checks (the settings read safely first),
# its build, then the pipeline, over one model of the source.
build-zensical: export SITE_DIR ?= site-zensical
build-zensical: $(VENV)/test.stamp | fribidi  ## Build the site with Zensical into site-zensical/ (or $SITE_DIR)
	$(PYTHON) -m statement_site zensical "$$SITE_DIR"

# A worker for each of two cores (a third spent more on switching between them than it gained
# while the others waited for a build or a linter). A file's tests stay on one worker, which
# builds its module's copies once; the longest files start first (tests/conftest.py,
# LONGEST_FIRST), in that order (--no-loadscope-reorder).
CHECK := $(PYTHON) -m pytest -n 2 --dist loadfile --no-loadscope-reorder tests/check

check: $(VENV)/test.stamp | fribidi  ## Every test that needs no browser, in at most 30 s on two cores
	$(CHECK)

test: $(VENV)/test.stamp browsers | fribidi  ## Every test: the fast tier, then the browser tier (Chromium, Firefox, WebKit)
	$(CHECK)
	$(PYTHON) -m pytest tests/browser

bench: $(VENV)/test.stamp bench/node_modules/.installed browsers | fribidi  ## Build cost and reading figures against a default Material site
	$(PYTHON) scripts/benchmark.py

# Lighthouse (about 150 MB), for make bench alone: its own package and lock, under bench/.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	touch $@

lock:  ## Recompile the locked requirements (with hashes) from the .in files
	$(PYTHON) -m pip install -q pip-tools==7.6.2
	$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-test.txt requirements-test.in

clean:
	rm -rf site site-zensical .cache .build-cache $(VENV) node_modules bench/node_modules

# The locked requirements, then the project's own package (editable, so that MkDocs and
# Zensical import statement_site's Markdown extensions by name).
$(VENV)/site.stamp: requirements.txt pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --require-hashes -r requirements.txt
	$(PYTHON) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/test.stamp: $(VENV)/site.stamp requirements-test.txt package-lock.json
	$(PYTHON) -m pip install -q --require-hashes -r requirements.txt -r requirements-test.txt
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The cards of pages in Arabic, Hindi, Chinese… are laid out by Pillow's Raqm, which needs the
# machine's FriBiDi (statement_site/cards.py); install it when missing and we may (apt, as root
# or with a sudo that asks no password, as on GitHub's runners).
fribidi: $(VENV)/site.stamp
	@$(PYTHON) -c 'from PIL import features; raise SystemExit(not features.version("fribidi"))' || \
	  { command -v apt-get >/dev/null && \
	    if [ "$$(id -u)" = 0 ]; then sudo=; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else false; fi && \
	    $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libfribidi0; } || \
	  echo "FriBiDi is missing: install it (sudo apt-get install libfribidi0, or brew install fribidi) for cards in other scripts."

# Browser tests drive Debian's Chromium, Firefox ESR and WebKitGTK (its WebDriver, on a virtual
# display): install what is missing when we may (root, apt). Each as the command that shows it is
# there (CHROMIUM_PATH and FIREFOX_PATH name other builds) and its packages.
BROWSERS := $${CHROMIUM_PATH:-chromium}:chromium $${FIREFOX_PATH:-firefox-esr}:firefox-esr \
            WebKitWebDriver:webkit2gtk-driver Xvfb:xvfb
browsers:
	@missing=; for browser in $(BROWSERS); do \
	  command -v "$${browser%%:*}" >/dev/null || missing="$$missing $${browser#*:}"; done; \
	[ -z "$$missing" ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } || \
	  echo "Browsers are missing: install them with 'sudo apt-get install$$missing'."
