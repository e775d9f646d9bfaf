# Cofnod: the two quick-start commands are `make run` and `make test`.
# Both set everything up on a fresh machine: system packages Qt needs (apt, when root on Debian),
# then .venv (rebuilt when missing or older than pyproject.toml), then the translations.

PY        ?= python3.11
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
SYSSTAMP  := .sysdeps-ok

APT_PACKAGES := libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 \
  libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxcb-shm0 \
  libxcb-util1 fonts-dejavu-core fonts-dejavu-extra poppler-utils postgresql gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth \
  nsis msitools wixl

.PHONY: run test bench lint typecheck sysdeps venv translations screenshots demo clean installer

sysdeps: $(SYSSTAMP)
$(SYSSTAMP):
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null && touch $@; \
	elif command -v dpkg >/dev/null && dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then touch $@; \
	else echo "Cofnod needs these system packages; run:"; \
	  echo "  sudo apt-get install -y --no-install-recommends $(APT_PACKAGES)"; exit 1; fi

venv: $(STAMP)
$(STAMP): pyproject.toml
	@command -v uv >/dev/null 2>&1 || $(PY) -m pip install -q --disable-pip-version-check uv
	@[ -x $(BIN)/python ] || uv venv -q -p $(PY) $(VENV)
	VIRTUAL_ENV=$(abspath $(VENV)) uv pip install -q -e '.[service,dev]'
	@touch $@

translations: $(STAMP)
	$(BIN)/python -m desktop.i18n_build

run: sysdeps venv translations
	$(BIN)/python -m desktop.devrun

test: sysdeps venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 --dist loadgroup -q --ignore=tests/benchmarks

bench: sysdeps venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks -q -s

lint: venv
	$(BIN)/ruff check desktop sync tests $(wildcard installer)
	$(BIN)/ruff format --check desktop sync tests $(wildcard installer)
	$(BIN)/mypy

# The Linux bundle, .tar.gz and .deb (installer/README.md), then the frozen app's --self-test and,
# as root, the dpkg install -> start offscreen -> remove -> purge cycle. Needs the `package` extra.
installer: sysdeps venv translations
	VIRTUAL_ENV=$(abspath $(VENV)) uv pip install -q -e '.[service,dev,package]'
	$(BIN)/python -m installer.build
	installer/linux/with-keyring.sh $(BIN)/python -m installer.smoke_test bundle dist/cofnod
	@if [ "$$(id -u)" = "0" ]; then \
	  installer/linux/with-keyring.sh $(BIN)/python -m installer.smoke_test deb dist/cofnod_*_amd64.deb; \
	else echo "installer: not root, so the .deb install cycle was skipped"; fi

screenshots: sysdeps venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.ui.screenshots --out screenshots

clean:
	rm -rf $(VENV) $(SYSSTAMP) build dist screenshots
