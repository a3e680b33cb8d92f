#!/usr/bin/env bash
# Start one background-job worker (queued jobs, the daily reminders and other periodic work) and the web
# server; stop both on Ctrl+C.
set -euo pipefail
bin=$1; host=$2; port=$3
"$bin/python" manage.py run_worker --interval 1 --no-reload &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
"$bin/python" manage.py runserver --noreload "$host:$port"
