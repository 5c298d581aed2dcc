# The two commands a new user needs (make help lists every target):
#   make lab    open the course in JupyterLab (Danish start page; COURSE_LANG=en for English)
#   make test   run the whole test suite (what CI runs; the course site built and its links checked included);
#               make test-fast for a developer's loop
#   make docs   build the course site into build/site/ (docs/developers/site.md)
# Both create .venv the first time, from a Python that scripts/find-python chooses (3.13, 3.12, 3.11 or 3.14;
# PYTHON=3.12 or PYTHON=/path/to/python chooses one, and rebuilds a .venv of another version), with the exact pins
# of requirements/participant.txt (the participants' packages) and requirements/dev.txt (the test tools), and skip
# that afterwards until a pin changes. The targets run `python -m samskabelse ...`, which works without make too
# (Windows: docs/participants/start.md).
#   make lock   after adding a package to requirements/participant.in or requirements/dev.in: re-resolve the pins

PYTHON      ?=
VENV        ?= .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
COURSE_LANG ?= da
PORT        ?= 8888
FIND_PYTHON := scripts/find-python
UV_VERSION   = $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements/dev.txt)
# The workshop hub (make hub): the participants' environment, built from a Python every account can run (not one
# under /root, as pyenv's are: scripts/find-python --shared; HUB_PYTHON=... chooses), and the proxy from npm.
# make test needs both for the hub tests.
HUB_ENV     := .venv-hub
HUB_PYTHON  ?=
HUB_STAMP   := $(HUB_ENV)/.installed
CHP_STAMP   := hub/node_modules/.installed
# PYTHON=... asks for a version: a .venv made from another one is made again (make decides before it reads the
# stamp, so that an up-to-date .venv of the wrong Python is not kept).
ifneq ($(strip $(PYTHON)),)
ifneq ($(shell $(FIND_PYTHON) --matches $(BIN)/python $(PYTHON) && echo same),same)
VENV_OUTDATED := FORCE
endif
endif

.PHONY: help lab test test-fast install lock voila browser-test lint bench bench-startup clean hub hub-install \
	hub-bench kit links docs pictures FORCE

help: ## every target, with one line each
	@sed -n 's/^\([a-z][a-z-]*\):.*## \(.*\)/  make \1|\2/p' $(firstword $(MAKEFILE_LIST)) | \
		awk -F'|' '{printf "%-21s %s\n", $$1, $$2}'

# Serve the whole repository (both languages, data, exercises), opening at the start notebook.
lab: $(STAMP) ## the course in JupyterLab on 127.0.0.1 (COURSE_LANG=en, PORT=9999)
	$(BIN)/python -m samskabelse lab --lang $(COURSE_LANG) --port $(PORT)

test: $(STAMP) $(HUB_STAMP) $(CHP_STAMP) ## the whole suite: unit, notebooks, browser, hub (what CI runs)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## unit tests and notebooks, without browser, hub or Hypothesis-heavy tests
	$(BIN)/python -m samskabelse test --fast

install: $(STAMP) ## make .venv (PYTHON=3.12 or a path chooses the Python)

# Reinstall only when a pin, the package definition or the installed templates change, or PYTHON asks for another
# version. uv installs exactly the pinned versions for this Python and platform: the universal lock files name
# every package with its dependencies, and tests/test_dependencies.py checks what landed in .venv.
VOILA_TEMPLATE := share/jupyter/voila/templates/samskabelse
$(STAMP): requirements/participant.txt requirements/dev.txt pyproject.toml lab-settings/overrides.json \
		$(wildcard $(VOILA_TEMPLATE)/*) $(VENV_OUTDATED)
	@python="$$($(FIND_PYTHON) $(PYTHON))" && \
	if test -x $(BIN)/python && $(FIND_PYTHON) --matches $(BIN)/python "$$python"; then :; else \
		echo "$(VENV): made from $$python ($$("$$python" --version 2>&1))"; "$$python" -m venv --clear $(VENV); fi
	# uv (the resolver of make lock, pinned in requirements/dev.txt) installs the pins four times faster than pip;
	# unlike pip it writes no bytecode unless asked, and without it every kernel compiles its imports (+1 s of CPU)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --strict --compile-bytecode --python $(BIN)/python \
		-r requirements/participant.txt -r requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	# JupyterLab settings for a course room (no news or update pop-ups) and the app mode's page template
	$(BIN)/python -m samskabelse install-templates
	touch $@

FORCE:

# Re-resolve requirements/participant.txt (and environment.yml, its Binder part) from requirements/participant.in
# and requirements/dev.txt from requirements/dev.in with uv, keeping the versions already pinned, and check the
# wheels for every supported Python (scripts/lock.py); UPGRADE=1 moves every pin to the newest.
lock: $(STAMP) ## re-resolve the pins after editing requirements/*.in (UPGRADE=1: newest versions)
	$(BIN)/python scripts/lock.py $(if $(UPGRADE),--upgrade)

# Widget latency in a real kernel, against a naive rebuild (benchmarks/widget_latency.py).
bench: $(STAMP) ## widget latency in a real kernel, against a naive rebuild
	$(BIN)/python benchmarks/widget_latency.py

# Start-up (benchmarks/startup.py): kernel CPU to the last widget, and Voilà's first widget in Chromium, for every
# notebook and workbook against a blank notebook; BASELINE=/path/to/checkout (with its own .venv) side by side.
bench-startup: $(STAMP) ## kernel CPU and Voilà's first widget per notebook (BASELINE=checkout)
	$(BIN)/python benchmarks/startup.py $(if $(BASELINE),--repo $(BASELINE) --repo $(CURDIR))

# One widget notebook as a Voilà app: text, widgets and figures, no code (NB=01 ... 06; COURSE_LANG=en).
# PREHEAT=1 (the default) keeps one kernel that has already run the notebook waiting for the next page (Voilà's
# preheated kernels), so a reload shows the widgets at once; PREHEAT=0 starts a kernel per page (README, App mode).
NB          ?= 02
VOILA_PORT  ?= 8866
PREHEAT     ?= 1
NB_FILE      = $(firstword $(wildcard notebooks/$(COURSE_LANG)/$(NB)-*.ipynb))
voila: $(STAMP) ## one widget notebook as a Voilà app (NB=02, COURSE_LANG=en, PREHEAT=0)
	@test -n "$(NB_FILE)" || { echo "no notebook $(NB) in notebooks/$(COURSE_LANG)/"; exit 1; }
	$(BIN)/voila $(NB_FILE) --port=$(VOILA_PORT) --Voila.ip=127.0.0.1 \
		$(if $(filter 1,$(PREHEAT)),--preheat_kernel=True --pool_size=1)

# JupyterLab and Voilà driven in Chromium, and every widget notebook rendered as an app (make test runs them too).
browser-test: $(STAMP) ## JupyterLab and Voilà driven in Chromium
	$(BIN)/python -m pytest tests/test_browser_lab.py tests/test_browser_voila.py

# The workshop hub: JupyterHub for a room on this machine (README, "For course organisers"). It runs as root, as
# TLJH's does, and starts each participant's server as their own account (jupyter-NAME) from $(HUB_ENV): the
# participants' pins plus JupyterHub's single-user server and nbgitpuller at requirements/dev.txt's versions, in a
# venv of the system's Python (.venv's interpreter may live under /root, which other accounts cannot run).
hub: $(STAMP) $(HUB_STAMP) $(CHP_STAMP) ## a workshop JupyterHub on this machine (as root)
	@test "$$(id -u)" = 0 || { echo "The workshop hub runs as root: it starts each participant's server as their own account (jupyter-NAME), as TLJH does. Run: sudo make hub"; exit 1; }
	$(BIN)/jupyterhub -f hub/jupyterhub_config.py

hub-install: $(HUB_STAMP) $(CHP_STAMP) ## the hub's environment (.venv-hub, HUB_PYTHON=...) and proxy

$(HUB_STAMP): $(STAMP) Makefile
	@python="$$($(FIND_PYTHON) --shared $(HUB_PYTHON))" && \
	if test -x $(HUB_ENV)/bin/python && $(FIND_PYTHON) --matches $(HUB_ENV)/bin/python "$$python"; then :; else \
		echo "$(HUB_ENV): made from $$python ($$("$$python" --version 2>&1))"; "$$python" -m venv --clear $(HUB_ENV); fi
	$(BIN)/uv pip install --quiet --strict --compile-bytecode --python $(HUB_ENV)/bin/python \
		-r requirements/participant.txt jupyterhub nbgitpuller -c requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(HUB_ENV)/bin/python --no-deps -e .
	# the participants cannot write bytecode here: compile every module for them (also in a hub env made before)
	$(HUB_ENV)/bin/python -m compileall -q -j 0 src \
		"$$($(HUB_ENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" > /dev/null
	$(HUB_ENV)/bin/python -m samskabelse install-templates
	touch $@

$(CHP_STAMP): hub/package.json hub/package-lock.json
	cd hub && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The hub's capacity with 1, 10, 20 and 30 simulated participants (benchmarks/hub_capacity.py; about 15 minutes).
hub-bench: $(STAMP) $(HUB_STAMP) $(CHP_STAMP) ## the hub's capacity with 1-30 simulated participants (15 min)
	$(BIN)/python benchmarks/hub_capacity.py

# The facilitator's kit (worksheets, slides, guides, ...) for a course file, in one folder (build/kit/...).
#   make kit                                   both shipped course files: build/kit/da and build/kit/en
#   make kit COURSE=mit-hold.yaml              a team's adapted file: build/kit/mit-hold
#   make kit COURSE=mit-hold.yaml TEAM=holdet  ... with the team's answers; KIT_DIR=folder to choose the folder
kit: $(STAMP) ## the facilitator's kit in build/kit (COURSE=file.yaml, TEAM=folder, KIT_DIR=folder)
	$(BIN)/python -m samskabelse kit $(COURSE) $(if $(TEAM),--team "$(TEAM)") $(if $(REPO),--repo "$(REPO)") \
		$(if $(HUB),--hub "$(HUB)") $(if $(KIT_DIR),--out "$(KIT_DIR)")

# Every Binder, Voilà and nbgitpuller link for a published copy: make links REPO=owner/name [HUB=hub.example.dk]
links: $(STAMP) ## every Binder, Voilà and nbgitpuller link (REPO=owner/name, HUB=host)
	$(BIN)/python -m samskabelse links "$(REPO)" $(if $(HUB),--hub "$(HUB)") $(if $(LINKS_LANG),--lang $(LINKS_LANG))

# The course site (docs/developers/site.md): MyST's book theme built once per machine from docs/theme/ (npm), the
# notebooks run, `myst build --html`, every internal link checked. BASE_URL=/REPO for a site served under /REPO.
docs: $(STAMP) ## the course site into build/site/ (BASE_URL=/REPO)
	$(BIN)/python scripts/build_site.py

# The README's pictures of the widgets (docs/images/widgets/), taken in Voilà in Debian's Chromium.
pictures: $(STAMP) ## the README's pictures of the widgets, from the notebooks in Voilà
	$(BIN)/python scripts/pictures.py

lint: $(STAMP) ## ruff over the code and the notebooks
	$(BIN)/ruff check src tests scripts benchmarks notebooks exercises hub

clean: ## remove build/ and pytest's cache
	rm -rf build .pytest_cache
