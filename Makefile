# The two commands a new user needs:
#   make lab    open the course in JupyterLab (Danish start page; COURSE_LANG=en for English)
#   make test   run the whole test suite
# Both create .venv and install what environment.yml lists the first time, and skip that afterwards.

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

.PHONY: lab test install voila browser-test lint bench clean hub hub-install

# Serve the whole repository (both languages, data, exercises), opening at the start notebook.
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/$(START_$(COURSE_LANG))

test: $(STAMP) $(HUB_STAMP) $(CHP_STAMP)
	$(BIN)/python -m pytest

install: $(STAMP)

# Reinstall only when the dependency list or the package definition changes.
$(STAMP): environment.yml pyproject.toml scripts/requirements_from_env.py lab-settings/overrides.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PYTHON) scripts/requirements_from_env.py environment.yml > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	# JupyterLab settings for a course room: no news or update pop-ups
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp lab-settings/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# Widget latency in a real kernel, against a naive rebuild (benchmarks/widget_latency.py).
bench: $(STAMP)
	$(BIN)/python benchmarks/widget_latency.py

# One widget notebook as a Voilà app: text, widgets and figures, no code (NB=01 ... 06; COURSE_LANG=en).
NB          ?= 02
VOILA_PORT  ?= 8866
NB_FILE      = $(firstword $(wildcard notebooks/$(COURSE_LANG)/$(NB)-*.ipynb))
voila: $(STAMP)
	@test -n "$(NB_FILE)" || { echo "no notebook $(NB) in notebooks/$(COURSE_LANG)/"; exit 1; }
	$(BIN)/voila $(NB_FILE) --port=$(VOILA_PORT) --Voila.ip=127.0.0.1

# JupyterLab and Voilà driven in Chromium, and every widget notebook rendered as an app (make test runs them too).
browser-test: $(STAMP) $(HUB_STAMP) $(CHP_STAMP)
	$(BIN)/python -m pytest tests/test_browser_lab.py tests/test_browser_voila.py

# The workshop hub: JupyterHub for a room on this machine (README, "For course organisers"). It runs as root, as
# TLJH's does, and starts each participant's server as their own account from $(HUB_ENV), an environment built from
# the system's Python, which every account can run. The proxy (configurable-http-proxy) comes from npm (hub/).
HUB_ENV      := .venv-hub
HUB_PYTHON   ?= /usr/bin/python3
HUB_STAMP    := $(HUB_ENV)/.installed
CHP_STAMP    := hub/node_modules/.installed
HUB_PACKAGES := jupyterhub nbgitpuller

hub: $(STAMP) $(HUB_STAMP) $(CHP_STAMP)
	@test "$$(id -u)" = 0 || { echo "The workshop hub runs as root: it starts each participant's server as their own account (jupyter-NAME), as TLJH does. Run: sudo make hub"; exit 1; }
	$(BIN)/jupyterhub -f hub/jupyterhub_config.py

hub-install: $(HUB_STAMP) $(CHP_STAMP)

$(HUB_STAMP): $(STAMP)
	test -x $(HUB_ENV)/bin/python || $(HUB_PYTHON) -m venv $(HUB_ENV)
	$(HUB_ENV)/bin/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt $(HUB_PACKAGES)
	$(HUB_ENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(HUB_PACKAGES)
	mkdir -p $(HUB_ENV)/share/jupyter/lab/settings
	cp lab-settings/overrides.json $(HUB_ENV)/share/jupyter/lab/settings/overrides.json
	touch $@

$(CHP_STAMP): hub/package.json hub/package-lock.json
	cd hub && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks notebooks exercises hub

clean:
	rm -rf build .pytest_cache
