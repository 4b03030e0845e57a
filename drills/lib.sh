# Shared helpers for the fault drills (sourced, not run). Each drill starts its OWN throwaway
# PostgreSQL cluster and its OWN redis-server on ports of their own, so the machine's shared
# PostgreSQL (5432) and Redis (6379) are never touched, and stops only what it started.
#
# Environment: DRILL_PG_PORT (55432), DRILL_REDIS_PORT (6390), DRILL_WEB_PORT (8791),
# VENV (.venv), DRILL_KEEP=1 keeps the temp directory (logs, data) after the drill.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV=${VENV:-.venv}  # CI passes its own (.venv-ci)
PY=$PWD/$VENV/bin/python
# The given port when it is free, else a free one (other test runs share this machine).
free_port() {
  "$PY" - "$1" <<'PYEOF'
import socket, sys
want = int(sys.argv[1])
for port in (want, 0):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        break
PYEOF
}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
DRILL_PG_PORT=$(free_port "${DRILL_PG_PORT:-55432}")
DRILL_REDIS_PORT=$(free_port "${DRILL_REDIS_PORT:-6390}")
DRILL_WEB_PORT=$(free_port "${DRILL_WEB_PORT:-8791}")
DRILL_DIR=$(mktemp -d /tmp/kc-drill.XXXXXX)
chmod 755 "$DRILL_DIR"
PG_DATA=$DRILL_DIR/pg
PG_USER_OS=postgres
DRILL_DB=${DRILL_DB:-kc_drill}
export DATABASE_URL="postgres://postgres@127.0.0.1:$DRILL_PG_PORT/$DRILL_DB"
export CELERY_BROKER_URL="redis://127.0.0.1:$DRILL_REDIS_PORT/0"
export LOG_LEVEL=${LOG_LEVEL:-WARNING}
BASE="http://127.0.0.1:$DRILL_WEB_PORT"

DRILL_PIDS=()
FAILURES=()

say() { printf '%s %s\n' "$(date -u +%T)" "$*"; }
check() {
  # check "description" command...: records PASS/FAIL with the description.
  local what=$1; shift
  if "$@"; then say "  ok: $what"; else say "  FAILED: $what"; FAILURES+=("$what"); fi
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER_OS" -- "$@"; else "$@"; fi
}

pg_start() {
  if [ ! -d "$PG_DATA" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown "$PG_USER_OS" "$PG_DATA" "$DRILL_DIR"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale C.UTF-8 >/dev/null
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$DRILL_DIR/pg.log" -w -t 60 start \
    -o "-p $DRILL_PG_PORT -k $DRILL_DIR -c listen_addresses=127.0.0.1" >/dev/null
}
pg_stop() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "${1:-fast}" -w stop >/dev/null; }
pg_restart() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 restart \
    -o "-p $DRILL_PG_PORT -k $DRILL_DIR -c listen_addresses=127.0.0.1" >/dev/null
}
psql_drill() { psql "postgres://postgres@127.0.0.1:$DRILL_PG_PORT/${PSQL_DB:-$DRILL_DB}" -XtAq "$@"; }

redis_start() {
  redis-server --bind 127.0.0.1 --port "$DRILL_REDIS_PORT" --save "" --appendonly no \
    --daemonize yes --pidfile "$DRILL_DIR/redis.pid" --logfile "$DRILL_DIR/redis.log"
  for _ in $(seq 50); do redis-cli -p "$DRILL_REDIS_PORT" ping >/dev/null 2>&1 && return; sleep 0.1; done
}
redis_stop() {
  redis-cli -p "$DRILL_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 50); do redis-cli -p "$DRILL_REDIS_PORT" ping >/dev/null 2>&1 || return 0; sleep 0.1; done
}

manage() { "$PY" manage.py "$@"; }

# A database with the schema, the VERA lists and (optionally) the demo data.
prepare_db() {
  PSQL_DB=postgres psql_drill -c "DROP DATABASE IF EXISTS $DRILL_DB"
  PSQL_DB=postgres psql_drill -c "CREATE DATABASE $DRILL_DB"
  manage migrate --noinput --skip-checks >/dev/null
  manage load_reference_data --skip-checks >/dev/null
  if [ "${1:-}" = demo ]; then
    KLANTCONTACT_ENV=development DEBUG=1 manage seed_demo --skip-checks >"$DRILL_DIR/seed.log" 2>&1
  fi
}

# Production settings for gunicorn and the worker (plain HTTP on loopback: HTTPS=0).
production_env() {
  export KLANTCONTACT_ENV=production DEBUG=0 ALLOWED_HOSTS=127.0.0.1 HTTPS=0
  SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')
  export SECRET_KEY
  # The manifest storage needs collected static files; collect only when something changed.
  local manifest=staticfiles/staticfiles.json
  if [ ! -f "$manifest" ] || [ -n "$(find . -path ./.venv -prune -o -path ./.venv-ci -prune \
    -o -path ./staticfiles -prune -o -path '*/static/*' -type f -newer "$manifest" -print \
    | head -1)" ]; then
    "$PY" manage.py collectstatic --noinput --skip-checks >/dev/null
  fi
}

WEB_PID=""
web_start() {
  "$VENV/bin/gunicorn" klantcontact.wsgi --bind "127.0.0.1:$DRILL_WEB_PORT" \
    --workers "${WEB_WORKERS:-3}" --worker-tmp-dir /dev/shm --log-level warning \
    >>"$DRILL_DIR/gunicorn.log" 2>&1 &
  WEB_PID=$!
  DRILL_PIDS+=("$WEB_PID")
  for _ in $(seq 60); do
    kill -0 "$WEB_PID" 2>/dev/null || break
    curl -s -o /dev/null "$BASE/healthz" 2>/dev/null && return
    sleep 0.5
  done
  say "gunicorn did not start"; cat "$DRILL_DIR/gunicorn.log"; return 1
}

WORKER_PID=""
worker_start() {
  "$VENV/bin/celery" -A klantcontact worker -l "${WORKER_LOG_LEVEL:-warning}" --concurrency 1 \
    -n "drill@%h" >>"$DRILL_DIR/worker.log" 2>&1 &
  WORKER_PID=$!
  DRILL_PIDS+=("$WORKER_PID")
  for _ in $(seq 60); do
    "$VENV/bin/celery" -A klantcontact inspect ping -d "drill@$(hostname)" --timeout 1 \
      >/dev/null 2>&1 && return
    sleep 1
  done
  say "worker did not start"; tail -20 "$DRILL_DIR/worker.log"; return 1
}

drill_cleanup() {
  set +e
  for pid in "${DRILL_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for _ in $(seq 50); do
    alive=0
    for pid in "${DRILL_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${DRILL_PIDS[@]}"; do
    pkill -KILL -P "$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
  done
  for pid in "${DRILL_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  redis_stop
  [ -f "$PG_DATA/postmaster.pid" ] && pg_stop immediate
  if [ "${DRILL_KEEP:-0}" = 1 ]; then echo "kept: $DRILL_DIR"; else rm -rf "$DRILL_DIR"; fi
}
trap drill_cleanup EXIT

verdict() {
  local name=$1
  if [ ${#FAILURES[@]} -eq 0 ]; then
    echo "PASS: $name"
    return 0
  fi
  echo "FAIL: $name (${#FAILURES[@]} check(s) failed: ${FAILURES[*]})"
  DRILL_KEEP=1
  return 1
}
