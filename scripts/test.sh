#!/usr/bin/env bash
# Every check and every test: lint, Django checks, the pure-engine contract, then the whole suite on
# SQLite and again on a real PostgreSQL server started on loopback. Usage: scripts/test.sh [VENV_BIN]
set -uo pipefail
BIN=${1:-.venv/bin}
export PYTHONDONTWRITEBYTECODE=1
failed=()
step() { echo; echo "==> $1"; }
run() { local name=$1; shift; step "$name"; "$@" || failed+=("$name"); }

pytest_run() {
  local name=$1; shift
  step "$name"
  "$BIN/python" -m pytest -n 2 "$@"
  local rc=$?
  if [ $rc -eq 5 ]; then echo "pytest 没有收集到任何测试 (exit 5)"; failed+=("$name: no tests"); 
  elif [ $rc -ne 0 ]; then failed+=("$name"); fi
}

run "ruff check" "$BIN/ruff" check .
run "ruff format" "$BIN/ruff" format --check .
run "django check" "$BIN/python" manage.py check --fail-level WARNING
run "migrations committed" "$BIN/python" manage.py makemigrations --check --dry-run
run "check --deploy (production settings)" env DJANGO_DEBUG=0 ALLOWED_HOSTS=innoladder.example.gov.cn \
  SECRET_KEY="ci-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')" \
  "$BIN/python" manage.py check --deploy --fail-level WARNING
step "rules engine imports no Django"
if grep -rEn '^\s*(from|import)\s+django' innoladder/eligibility --include=*.py; then
  failed+=("eligibility imports Django")
fi
run "no import circles" "$BIN/python" scripts/import_cycles.py
run "mypy --strict eligibility" "$BIN/mypy" --strict innoladder/eligibility --exclude 'innoladder/eligibility/tests/'

pytest_run "tests on SQLite"

step "start PostgreSQL"
if PG_URL=$(scripts/pg_test_server.sh start); then
  DATABASE_URL="$PG_URL" pytest_run "tests on PostgreSQL"
  scripts/pg_test_server.sh stop
else
  failed+=("start PostgreSQL")
fi

echo
if [ ${#failed[@]} -ne 0 ]; then
  printf '失败 FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "全部通过 ALL CHECKS PASSED"
