# vkcloud.karboii - build and test harness. GNU make; needs only python3.11 and git.
# `make help` lists the targets. Every target installs the pinned toolchain
# (requirements-test.txt) into .venv first and reuses it afterwards.

PYTHON ?= python3.11
# Python version ansible-test runs the tests with (--python)
TEST_PYTHON ?= 3.11
VENV ?= .venv
BUILD := .build
COLL := $(BUILD)/ansible_collections/vkcloud/karboii
BIN := $(CURDIR)/$(VENV)/bin
VENV_PY := $(BIN)/python
STAMP := $(VENV)/.installed

# extra arguments, e.g. make units PYTEST_ARGS='-k plan -x'
PYTEST_ARGS ?=
SANITY_ARGS ?=
INTEGRATION_ARGS ?=

# tools and ansible-test find the toolchain (ansible, ansible-playbook, python3.11) first
export PATH := $(BIN):$(PATH)
export PY := $(VENV_PY)
export TEST_PYTHON
export ANSIBLE_NOCOLOR ?= 1

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TEST_STAGES := action-groups changelog-lint units lint build-smoke integration sanity ee-check docs release-check

.PHONY: help venv tree test units integration sanity lint build-smoke changelog-lint \
	action-groups demo clean distclean

help:
	@echo "make test            all checks: $(TEST_STAGES)"
	@echo "make units           pytest tests/unit (plugins and emulator)"
	@echo "make integration     ansible-test integration against the Karboii emulator"
	@echo "make sanity          ansible-test sanity --venv --python $(TEST_PYTHON)"
	@echo "make lint            ansible-lint --offline --profile production"
	@echo "make build-smoke     galaxy build + install, ansible-doc of every module, docs lint"
	@echo "make changelog-lint  antsibull-changelog lint"
	@echo "make action-groups   every module is in meta/runtime.yml action_groups.karboii"
	@echo "make demo            emulator up, playbooks/demo.yml twice (2nd run: changed=0), emulator down"
	@echo "make docs            the HTML site: module docs and the user guide (docs/), no warnings allowed"
	@echo "make ee-check        ansible-builder introspect + create for an execution environment"
	@echo "make release-check   build, install into an empty path, run the installed demo and role"
	@echo "make bench           time the collection against bare uri tasks and the curl-style play (docs/benchmark.md)"
	@echo "make clean           remove build trees and test output (distclean: also .venv)"

$(STAMP): requirements-test.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "need Python >= 3.11 for ansible-core 2.19, got " + sys.version)'
	@if [ ! -x $(VENV)/bin/python ]; then echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
	@echo "installing requirements-test.txt into $(VENV)"
	@# (the filter hides this machine's pip notices about absent local index folders)
	@$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt 2>&1 \
		| { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	@touch $@

venv: $(STAMP)

# the collection laid out as .build/ansible_collections/vkcloud/karboii (fresh each time)
tree: venv
	@bash tools/build-tree.sh $(BUILD) >/dev/null

test: venv
	@MAKE='$(MAKE)' bash tools/run-stages.sh $(TEST_STAGES)

units: tree
	@rc=0; PYTHONPATH='$(CURDIR)/$(BUILD):$(CURDIR)/tests/emulator' \
		$(BIN)/pytest --rootdir=$(CURDIR) --import-mode=importlib tests/unit $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "units: FAILED - pytest collected no tests under tests/unit" >&2; fi; \
	exit $$rc

integration: venv
	@bash tools/integration.sh $(INTEGRATION_ARGS)

sanity: tree
	@$(VENV_PY) tools/install_get_pip_shim.py
	@cd $(COLL) && $(BIN)/ansible-test sanity --venv --python $(TEST_PYTHON) $(SANITY_ARGS)

lint: tree
	@ANSIBLE_COLLECTIONS_PATH='$(CURDIR)/$(BUILD)' $(BIN)/ansible-lint --offline --profile production

build-smoke: venv
	@bash tools/build-smoke.sh

changelog-lint: venv
	@$(BIN)/antsibull-changelog lint
	@$(BIN)/antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
	@echo "changelog-lint: fragments and changelogs/changelog.yaml are valid"

action-groups: venv
	@$(VENV_PY) tools/check_action_groups.py .

demo: venv
	@bash tools/demo.sh

clean:
	rm -rf $(BUILD) tests/output tests/integration/inventory tests/integration/integration_config.yml \
		.pytest_cache changelogs/.plugin-cache.yaml
	rm -f vkcloud-karboii-*.tar.gz

distclean: clean
	rm -rf $(VENV) .ansible

# execution environment: ansible-builder introspect + create (no container build possible here)
.PHONY: ee-check
ee-check: venv
	@bash tools/ee-check.sh

# the HTML site (module and role docs, the user guide) into .build/docs; fails on any warning
.PHONY: docs
docs: venv
	@bash tools/docs.sh

# the release tarball, installed on its own: the demo and the role from the installed copy
.PHONY: release-check
release-check: venv
	@bash tools/release-check.sh

# the benchmark (docs/benchmark.md): the collection against bare uri tasks and the curl-style play.
# Not a test stage. BENCH_N (VMs, default 100), BENCH_FORKS, BENCH_REPEATS, BENCH_SKIP, BENCH_SCALE_PLANS.
.PHONY: bench
bench: venv
	@$(VENV_PY) -m bench.run $(BENCH_ARGS)
