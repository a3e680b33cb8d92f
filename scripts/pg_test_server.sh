#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the test suite; prints its DATABASE_URL.
# Usage: scripts/pg_test_server.sh start|stop
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || { echo "PostgreSQL 未安装 (apt-get install postgresql)" >&2; exit 1; }
PORT=${PGTEST_PORT:-54329}
DATA=${PGTEST_DIR:-/tmp/innoladder-pgtest}
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then RUNAS=(runuser -u postgres --); fi

case "${1:-start}" in
  start)
    if [ -f "$DATA/postmaster.pid" ] && "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      echo "postgres://postgres@127.0.0.1:$PORT/innoladder"; exit 0
    fi
    rm -rf "$DATA"; mkdir -p "$DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
    "${RUNAS[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$PORT/innoladder"
    ;;
  stop)
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
