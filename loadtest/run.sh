#!/usr/bin/env bash
# Load test: gunicorn with the PRODUCTION settings on PostgreSQL and Redis, driven by Locust
# (headless, bounded in time and users, loopback only). See docs/operations.md, "Load test".
#
#   loadtest/run.sh                       # 50 users, 10 minutes
#   DURATION=2m USERS=20 loadtest/run.sh  # a short trial
#   loadtest/run.sh --generate "--scale small --force"   # also run bench/generate.py first
#
# Environment (all optional):
#   DB_NAME (kc_load), PG_URL (postgres://postgres@127.0.0.1:5432), RESET (0: keep the
#   database if it exists; 1: drop and rebuild it), USERS (50), SPAWN_RATE (5 per second),
#   DURATION (10m), WAIT_MIN/WAIT_MAX (think time, 2-8 s), WORKERS (gunicorn workers,
#   2 * cores + 1), PORT (8701), REDIS_PORT (6391: a redis-server of its own is started),
#   P95_LIMIT_MS (200), USERS_PER_TEAM (5 load-test accounts per district team), PREPARE (1;
#   0 skips migrate/reference data/seed_demo on an existing database).
# Writes loadtest/results/<stamp>_*.csv, <stamp>.html, <stamp>.log and summary.md; exits
# non-zero when any request failed or the p95 over all requests is at or above P95_LIMIT_MS.
set -euo pipefail
cd "$(dirname "$0")/.."

GENERATE_ARGS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --generate) GENERATE_ARGS="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

PY=.venv/bin/python
DB_NAME=${DB_NAME:-kc_load}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
RESET=${RESET:-0}
USERS=${USERS:-50}
SPAWN_RATE=${SPAWN_RATE:-5}
DURATION=${DURATION:-10m}
CORES=$(nproc)
WORKERS=${WORKERS:-$((2 * CORES + 1))}
PORT=${PORT:-8701}
REDIS_PORT=${REDIS_PORT:-6391}
P95_LIMIT_MS=${P95_LIMIT_MS:-200}
USERS_PER_TEAM=${USERS_PER_TEAM:-5}
RESULTS=loadtest/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
RUN_DIR=$(mktemp -d /tmp/kc-load.XXXXXX)

export DATABASE_URL="$PG_URL/$DB_NAME"
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
export LOAD_PASSWORD=${LOAD_PASSWORD:-$($PY -c 'import secrets; print(secrets.token_urlsafe(24))')}
export LOAD_FIXTURE="$RESULTS/fixture.json"

for port in "$PORT" "$REDIS_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use (another test run?): set PORT= / REDIS_PORT=" >&2
    exit 2
  fi
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "Database $DB_NAME"
if [ "$RESET" = 1 ]; then
  psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DB_NAME"
fi
psql "$PG_URL/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || psql "$PG_URL/postgres" -qc "CREATE DATABASE $DB_NAME"
# System checks are CI's job; a half-finished app elsewhere in a shared tree must not stop this.
if [ "${PREPARE:-1}" = 1 ]; then
  $PY manage.py migrate --noinput --skip-checks >/dev/null
  $PY manage.py load_reference_data --skip-checks
  KLANTCONTACT_ENV=development DEBUG=1 $PY manage.py seed_demo --skip-checks | head -3
fi
if [ -n "$GENERATE_ARGS" ]; then
  if [ -f bench/generate.py ]; then
    # shellcheck disable=SC2086
    $PY bench/generate.py $GENERATE_ARGS
  else
    echo "bench/generate.py is not there (yet); running on the demo data" >&2
  fi
fi
$PY loadtest/prepare.py --users-per-team "$USERS_PER_TEAM" --out "$LOAD_FIXTURE"
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
psql "$DATABASE_URL" -tAc "SELECT 'persons: ' || (SELECT count(*) FROM contacts_person)
  || ', contact moments: ' || (SELECT count(*) FROM contacts_contactmoment)
  || ', tasks: ' || (SELECT count(*) FROM contacts_task)
  || ', access-log records: ' || (SELECT count(*) FROM audit_accesslogentry)" | tee "$RUN_DIR/data.txt"

# Production settings: DEBUG off, a fresh key, only loopback. HTTPS=0 (documented in the
# README) turns off secure cookies and the HTTPS redirect, because the test speaks plain HTTP on
# loopback; everything else is as in production.
export KLANTCONTACT_ENV=production DEBUG=0 ALLOWED_HOSTS=127.0.0.1 HTTPS=0 LOG_LEVEL=WARNING
SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(64))')
export SECRET_KEY
$PY manage.py collectstatic --noinput --skip-checks >/dev/null

step "Redis on 127.0.0.1:$REDIS_PORT, Celery worker, gunicorn ($WORKERS workers) on 127.0.0.1:$PORT"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
  --logfile "$RUN_DIR/redis.log" &
pids+=($!)
.venv/bin/celery -A klantcontact worker -l warning --concurrency 1 >"$RUN_DIR/worker.log" 2>&1 &
pids+=($!)
.venv/bin/gunicorn klantcontact.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --worker-tmp-dir /dev/shm --log-level warning >"$RUN_DIR/gunicorn.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 1
done
curl -sS "http://127.0.0.1:$PORT/healthz"; echo

step "Locust: $USERS users, spawn $SPAWN_RATE/s, $DURATION (think time ${WAIT_MIN:-2}-${WAIT_MAX:-8} s)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
(while sleep 30; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; done) \
  >"$RUN_DIR/loadavg.txt" &
pids+=($!)
set +e
.venv/bin/locust -f loadtest/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" --stop-timeout 10 \
  --csv "$RESULTS/$STAMP" --html "$RESULTS/$STAMP.html" --only-summary \
  >"$RESULTS/$STAMP.log" 2>&1
set -e
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

step "Result"
set +e
$PY - "$RESULTS/${STAMP}_stats.csv" "$P95_LIMIT_MS" "$RESULTS/summary.md" <<EOF
import csv, sys
path, limit, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = list(csv.DictReader(open(path)))
lines = [
    "# Load test summary (latest run)",
    "",
    "Run $STAMP: $USERS users, $DURATION, think time ${WAIT_MIN:-2}-${WAIT_MAX:-8} s, "
    "gunicorn $WORKERS workers, production settings, $CORES cores.",
    "Data: $(cat "$RUN_DIR/data.txt").",
    "Load average (1, 5, 15 min): before $load_before, after $load_after; "
    "during: $(tr '\n' ';' <"$RUN_DIR/loadavg.txt" | sed 's/;$//; s/;/; /g').",
    "",
    "| request | count | failures | p50 ms | p95 ms | p99 ms | max ms | req/s |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]
total = None
for row in rows:
    name = row["Name"] if row["Type"] else "all requests"
    line = (
        f"| {row['Type']} {name} | {row['Request Count']} | {row['Failure Count']} | "
        f"{row['50%']} | {row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} | "
        f"{float(row['Requests/s']):.1f} |"
    )
    lines.append(line)
    if row["Name"] == "Aggregated":
        total = row
failures = int(total["Failure Count"])
p95 = float(total["95%"])
slow = [r["Name"] for r in rows if r["Name"] != "Aggregated" and float(r["95%"]) >= limit]
verdict = "PASS" if failures == 0 and p95 < limit else "FAIL"
lines += [
    "",
    f"Throughput {float(total['Requests/s']):.1f} requests/s; {failures} errors; "
    f"p95 over all requests {p95:.0f} ms (limit {limit:.0f} ms): **{verdict}**"
    + (f"; request types at or over the limit: {', '.join(slow)}" if slow else ""),
]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(0 if verdict == "PASS" else 1)
EOF
status=$?
set -e
if [ -s "$RESULTS/${STAMP}_failures.csv" ] && [ "$(wc -l <"$RESULTS/${STAMP}_failures.csv")" -gt 1 ]; then
  echo; echo "Failures:"; cat "$RESULTS/${STAMP}_failures.csv"
fi
if grep -q "Traceback\|ERROR" "$RUN_DIR/gunicorn.log"; then
  echo; echo "gunicorn log ($RUN_DIR/gunicorn.log) has errors:"; grep -m 20 "Traceback\|ERROR" "$RUN_DIR/gunicorn.log"
fi
cp "$RESULTS/summary.md" "$RESULTS/${STAMP}_summary.md"
echo "stats: $RESULTS/${STAMP}_stats.csv, report: $RESULTS/$STAMP.html, logs: $RUN_DIR"
exit $status
