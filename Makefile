# Two commands on a fresh machine:  make run  (the kiosk)  and  make test  (every test).
# Each creates .venv and installs what is missing, system libraries included.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ARGS ?=

.PHONY: run demo test lint shots readme-shots wheel clean setup setup-test systemd-proof

run: setup
	$(PY) main.py $(ARGS)

demo: setup
	$(PY) main.py --windowed $(ARGS)

test: setup-test
	$(VENV)/bin/ruff check .
	$(PY) main.py check
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(ARGS)

lint: setup-test
	$(VENV)/bin/ruff check .

# Screenshots to look at: shots/ is not tracked, so taking them leaves the checkout clean.
SHOTS ?= shots
shots: setup
	$(PY) main.py shots $(SHOTS)/1920x1080 --size 1920x1080
	$(PY) main.py shots $(SHOTS)/1280x800 --size 1280x800

# Refresh the README's screenshots (tracked, in docs/shots/): only when asked to.
readme-shots:
	@$(MAKE) --no-print-directory shots SHOTS=docs/shots

# The installable package, content and assets inside (setup.py): dist/hair_kiosk-*.whl
wheel: setup
	rm -f dist/hair_kiosk-*.whl
	$(PY) -m pip wheel --no-deps -q -w dist .

# Interface translations: Qt's .ts sources, compiled to .qm at setup.
QM := $(patsubst %.ts,%.qm,$(wildcard assets/i18n/*.ts))

# System libraries first: pyside6-lrelease (the .qm step) and Qt itself need them. As a normal
# user system-deps.sh prints the exact sudo line and stops before anything else is made.
setup:
	@scripts/system-deps.sh run
	@$(MAKE) --no-print-directory $(VENV)/.installed-run $(QM)

setup-test:
	@scripts/system-deps.sh test
	@$(MAKE) --no-print-directory $(VENV)/.installed-test $(QM)

assets/i18n/%.qm: assets/i18n/%.ts | $(VENV)/.installed-run
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info $(QM) build dist

# kiosk setup-pc, the systemd units and the Ansible playbook with a real systemd (root, ~8 min).
systemd-proof: setup-test
	KIOSK_SYSTEMD_PROOF=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/test_systemd.py
