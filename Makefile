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

.PHONY: lab test install voila browser-test lint bench clean kit links

# Serve the whole repository (both languages, data, exercises), opening at the start notebook.
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/$(START_$(COURSE_LANG))

test: $(STAMP)
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
browser-test: $(STAMP)
	$(BIN)/python -m pytest tests/test_browser_lab.py tests/test_browser_voila.py

# The facilitator's kit (worksheets, slides, guides, ...) for a course file, in one folder (build/kit/...).
#   make kit                                   both shipped course files: build/kit/da and build/kit/en
#   make kit COURSE=mit-hold.yaml              a team's adapted file: build/kit/mit-hold
#   make kit COURSE=mit-hold.yaml TEAM=holdet  ... with the team's answers; KIT_DIR=folder to choose the folder
kit: $(STAMP)
	$(BIN)/python -m samskabelse.kit $(COURSE) $(if $(TEAM),--team "$(TEAM)") $(if $(REPO),--repo "$(REPO)") \
		$(if $(HUB),--hub "$(HUB)") $(if $(KIT_DIR),--out "$(KIT_DIR)")

# Every Binder, Voilà and nbgitpuller link for a published copy: make links REPO=owner/name [HUB=hub.example.dk]
links: $(STAMP)
	$(BIN)/python -m samskabelse.links "$(REPO)" $(if $(HUB),--hub "$(HUB)") $(if $(LINKS_LANG),--lang $(LINKS_LANG))

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks notebooks exercises

clean:
	rm -rf build .pytest_cache
