# The two commands a new user needs:
#   make lab    open the course in JupyterLab (Danish start page; COURSE_LANG=en for English)
#   make test   run the whole test suite (the course site built and its links checked included)
#   make docs   build the course site into build/site/ (docs/developers/site.md)
# Both create .venv the first time with the exact pins of environment.yml (the participants' packages) and
# requirements/dev.txt (the test tools), and skip that afterwards until a pin changes.
#   make lock   after adding a package to requirements/participant.in or requirements/dev.in: re-resolve the pins

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
COURSE_LANG ?= da
PORT        ?= 8888
START_da    := notebooks/da/00-velkommen.ipynb
START_en    := notebooks/en/00-welcome.ipynb
# JupyterLab refuses to run as root without this flag (containers, CI machines).
ROOT_FLAG   := $(if $(filter 0,$(shell id -u)),--allow-root,)
UV_VERSION   = $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements/dev.txt)
# The workshop hub (make hub): the participants' environment, built from a Python every account can run, and the
# proxy from npm. make test needs both for the hub tests.
HUB_ENV     := .venv-hub
HUB_PYTHON  ?= /usr/bin/python3
HUB_STAMP   := $(HUB_ENV)/.installed
CHP_STAMP   := hub/node_modules/.installed

.PHONY: lab test install lock voila browser-test lint bench bench-startup clean hub hub-install hub-bench kit links \
	docs pictures

# Serve the whole repository (both languages, data, exercises), opening at the start notebook.
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/$(START_$(COURSE_LANG))

test: $(STAMP) $(HUB_STAMP) $(CHP_STAMP)
	$(BIN)/python -m pytest

install: $(STAMP)

# Reinstall only when a pin or the package definition changes. pip installs exactly the pinned versions: the lock
# files name every package with its dependencies, and tests/test_dependencies.py checks what landed in .venv.
VOILA_TEMPLATE := share/jupyter/voila/templates/samskabelse
$(STAMP): environment.yml requirements/dev.txt pyproject.toml scripts/requirements_from_env.py lab-settings/overrides.json \
		$(wildcard $(VOILA_TEMPLATE)/*)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "The pins are for Python 3.11: run make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PYTHON) scripts/requirements_from_env.py environment.yml > $(VENV)/participant.txt
	# uv (the resolver of make lock, pinned in requirements/dev.txt) installs the pins four times faster than pip;
	# unlike pip it writes no bytecode unless asked, and without it every kernel compiles its imports (+1 s of CPU)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --strict --compile-bytecode --python $(BIN)/python -r $(VENV)/participant.txt -r requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	# JupyterLab settings for a course room: no news or update pop-ups
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp lab-settings/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	# The app mode's page template (language, title, landmarks; see README "App mode")
	rm -rf $(VENV)/$(VOILA_TEMPLATE) && mkdir -p $(VENV)/share/jupyter/voila/templates
	cp -R $(VOILA_TEMPLATE) $(VENV)/$(VOILA_TEMPLATE)
	touch $@

# Re-resolve environment.yml's pins from requirements/participant.in and requirements/dev.txt from
# requirements/dev.in with uv (keeping the versions already pinned); UPGRADE=1 moves every pin to the newest.
lock: $(STAMP)
	$(BIN)/python scripts/lock.py $(if $(UPGRADE),--upgrade)

# Widget latency in a real kernel, against a naive rebuild (benchmarks/widget_latency.py).
bench: $(STAMP)
	$(BIN)/python benchmarks/widget_latency.py

# Start-up (benchmarks/startup.py): kernel CPU to the last widget, and Voilà's first widget in Chromium, for every
# notebook and workbook against a blank notebook; BASELINE=/path/to/checkout (with its own .venv) side by side.
bench-startup: $(STAMP)
	$(BIN)/python benchmarks/startup.py $(if $(BASELINE),--repo $(BASELINE) --repo $(CURDIR))

# One widget notebook as a Voilà app: text, widgets and figures, no code (NB=01 ... 06; COURSE_LANG=en).
# PREHEAT=1 (the default) keeps one kernel that has already run the notebook waiting for the next page (Voilà's
# preheated kernels), so a reload shows the widgets at once; PREHEAT=0 starts a kernel per page (README, App mode).
NB          ?= 02
VOILA_PORT  ?= 8866
PREHEAT     ?= 1
NB_FILE      = $(firstword $(wildcard notebooks/$(COURSE_LANG)/$(NB)-*.ipynb))
voila: $(STAMP)
	@test -n "$(NB_FILE)" || { echo "no notebook $(NB) in notebooks/$(COURSE_LANG)/"; exit 1; }
	$(BIN)/voila $(NB_FILE) --port=$(VOILA_PORT) --Voila.ip=127.0.0.1 \
		$(if $(filter 1,$(PREHEAT)),--preheat_kernel=True --pool_size=1)

# JupyterLab and Voilà driven in Chromium, and every widget notebook rendered as an app (make test runs them too).
browser-test: $(STAMP)
	$(BIN)/python -m pytest tests/test_browser_lab.py tests/test_browser_voila.py

# The workshop hub: JupyterHub for a room on this machine (README, "For course organisers"). It runs as root, as
# TLJH's does, and starts each participant's server as their own account (jupyter-NAME) from $(HUB_ENV): the
# participants' pins plus JupyterHub's single-user server and nbgitpuller at requirements/dev.txt's versions, in a
# venv of the system's Python (.venv's interpreter may live under /root, which other accounts cannot run).
hub: $(STAMP) $(HUB_STAMP) $(CHP_STAMP)
	@test "$$(id -u)" = 0 || { echo "The workshop hub runs as root: it starts each participant's server as their own account (jupyter-NAME), as TLJH does. Run: sudo make hub"; exit 1; }
	$(BIN)/jupyterhub -f hub/jupyterhub_config.py

hub-install: $(HUB_STAMP) $(CHP_STAMP)

$(HUB_STAMP): $(STAMP) Makefile
	@$(HUB_PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "The hub environment needs Python 3.11: make HUB_PYTHON=/path/to/python3.11 ...")'
	test -x $(HUB_ENV)/bin/python || $(HUB_PYTHON) -m venv $(HUB_ENV)
	$(BIN)/uv pip install --quiet --strict --compile-bytecode --python $(HUB_ENV)/bin/python -r $(VENV)/participant.txt \
		jupyterhub nbgitpuller -c requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(HUB_ENV)/bin/python --no-deps -e .
	# the participants cannot write bytecode here: compile every module for them (also in a hub env made before)
	$(HUB_ENV)/bin/python -m compileall -q -j 0 src \
		"$$($(HUB_ENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" > /dev/null
	mkdir -p $(HUB_ENV)/share/jupyter/lab/settings
	cp lab-settings/overrides.json $(HUB_ENV)/share/jupyter/lab/settings/overrides.json
	touch $@

$(CHP_STAMP): hub/package.json hub/package-lock.json
	cd hub && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The hub's capacity with 1, 10, 20 and 30 simulated participants (benchmarks/hub_capacity.py; about 15 minutes).
hub-bench: $(STAMP) $(HUB_STAMP) $(CHP_STAMP)
	$(BIN)/python benchmarks/hub_capacity.py

# The facilitator's kit (worksheets, slides, guides, ...) for a course file, in one folder (build/kit/...).
#   make kit                                   both shipped course files: build/kit/da and build/kit/en
#   make kit COURSE=mit-hold.yaml              a team's adapted file: build/kit/mit-hold
#   make kit COURSE=mit-hold.yaml TEAM=holdet  ... with the team's answers; KIT_DIR=folder to choose the folder
kit: $(STAMP)
	$(BIN)/python -m samskabelse.kit $(COURSE) $(if $(TEAM),--team "$(TEAM)") $(if $(REPO),--repo "$(REPO)") \
		$(if $(HUB),--hub "$(HUB)") $(if $(KIT_DIR),--out "$(KIT_DIR)")

# Every Binder, Voilà and nbgitpuller link for a published copy: make links REPO=owner/name [HUB=hub.example.dk]
links: $(STAMP)
	$(BIN)/python -m samskabelse.kit.links "$(REPO)" $(if $(HUB),--hub "$(HUB)") $(if $(LINKS_LANG),--lang $(LINKS_LANG))

# The course site (docs/developers/site.md): MyST's book theme built once per machine from docs/theme/ (npm), the
# notebooks run, `myst build --html`, every internal link checked. BASE_URL=/REPO for a site served under /REPO.
docs: $(STAMP)
	$(BIN)/python scripts/build_site.py

# The README's pictures of the widgets (docs/images/widgets/), taken in Voilà in Debian's Chromium.
pictures: $(STAMP)
	$(BIN)/python scripts/pictures.py

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks notebooks exercises hub

clean:
	rm -rf build .pytest_cache
