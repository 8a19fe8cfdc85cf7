# The two commands: `make run` and `make test`. Needs only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
EMBEDDED := $(PY) -m hkstp_portal.embedded exec --

.PHONY: run test install browser lint format migrations-check stop clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

## The browser tests need Debian's Chromium (with CJK fonts, for the Chinese pages) and
## axe-core from the npm registry. Playwright never downloads a browser of its own.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages, after refreshing the package lists only if the first try fails.
APT_INSTALL = $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q
apt_install = $(APT_INSTALL) $(1) || { $(SUDO) apt-get update -q && $(APT_INSTALL) $(1); }

browser: node_modules/.installed
	@test -x $(CHROMIUM) && command -v xgettext >/dev/null || { \
		echo "Installing Debian's chromium, CJK fonts and gettext for the tests"; \
		$(call apt_install,chromium fonts-noto-cjk gettext); }

## Start PostgreSQL + Redis (embedded unless DATABASE_URL / REDIS_URL are set), migrate,
## load demo data, then the web server, a Celery worker and beat. Ctrl-C stops all.
run: install
	$(EMBEDDED) $(PY) manage.py runportal

## The whole suite: ruff, import contracts, missing migrations, pytest.
test: install browser lint
	$(EMBEDDED) sh -c '$(PY) manage.py makemigrations --check --dry-run --settings=hkstp_portal.settings.test && $(PY) -m pytest'

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Stop embedded servers left running by a plain `manage.py` command.
stop: install
	$(PY) -m hkstp_portal.embedded stop

clean: stop
	rm -rf .data

## Job search benchmark on a separate <db>_bench database (filled on the first run;
## `make bench ARGS=--rebuild` refills it). Figures: docs/benchmarks.md.
.PHONY: bench
bench: install
	$(EMBEDDED) $(PY) manage.py bench_search $(ARGS)

## Load benchmark: gunicorn with the production settings on the <db>_bench database
## (100,000 jobs), driven by wrk (Debian's package). Figures: docs/benchmarks.md.
.PHONY: bench-load
bench-load: install
	@command -v wrk >/dev/null || { \
		echo "Installing Debian's wrk for the load benchmark"; \
		$(call apt_install,wrk); }
	$(EMBEDDED) $(PY) manage.py bench_load $(ARGS)

## Backups: `make backup` writes backups/backup-<date>-<time>/ (or under $$BACKUP_DIR);
## `make restore BACKUP=backups/backup-… [FORCE=1]` puts one back.
.PHONY: backup restore
backup: install
	$(EMBEDDED) $(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/backup-YYYYMMDD-HHMMSS [FORCE=1]"; exit 2; }
	$(EMBEDDED) $(PY) manage.py restore "$(BACKUP)" $(if $(filter 1 yes true,$(FORCE)),--force)
