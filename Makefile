# InnoLadder — the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install test-install system-packages assets migrate messages lint check worker serve clean

## demo: install, migrate, load the Golmud demo data, start a worker and the server on SQLite
demo: install assets
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@scripts/demo_banner.sh $(HOST) $(PORT)
	@scripts/serve.sh $(BIN) $(HOST) $(PORT)

## test: install everything the tests need (Python packages, Chromium, PostgreSQL) and run every test
test: system-packages test-install assets
	scripts/test.sh $(BIN)

install: $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .

test-install: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11 (python3)"; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || scripts/apt_install.sh python3-venv
	$(PYTHON) -m venv $(VENV)

## system-packages: Debian packages the tests need, installed only when missing
# LibreOffice re-saves a test file as LibreOffice does; where it cannot be installed that one test is skipped.
system-packages:
	scripts/apt_install.sh chromium postgresql gettext
	@command -v npm >/dev/null || scripts/apt_install.sh nodejs npm
	@scripts/apt_install.sh libreoffice-calc-nogui || echo "未能安装 LibreOffice：跳过 LibreOffice 文件测试"

## assets: front-end packages pinned in package-lock.json, served locally (no CDN)
assets:
	@command -v npm >/dev/null || scripts/apt_install.sh nodejs npm
	npm ci --no-audit --no-fund --silent

messages:
	cd innoladder && ../$(BIN)/python ../manage.py makemessages -l en --ignore 'tests/*' --ignore '*/tests/*'
	$(BIN)/python scripts/i18n_fill.py

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## worker: run queued jobs, start periodic work (daily reminders…) and recover jobs of dead workers
worker:
	$(BIN)/python manage.py run_worker

serve:
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

clean:
	rm -rf var/test*.sqlite3 staticfiles
