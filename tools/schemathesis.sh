#!/usr/bin/env bash
# The API against its own OpenAPI schema: start the app on a free loopback port, seed demo data
# and an API client with every scope, run schemathesis (all checks, all phases) against
# /api/v1/schema/, stop the app. Exits non-zero when schemathesis finds a failure.
#
# Usage: tools/schemathesis.sh [PYTHON]
#   DATABASE_URL     database to use (migrated and seeded; default: a fresh SQLite file).
#                    A PostgreSQL database that does not exist yet is created.
#   ST_MAX_EXAMPLES  examples per operation (default 25)
#   ST_PORT          port (default: a free one)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
ST="$(dirname "$PY")/st"
MAX_EXAMPLES=${ST_MAX_EXAMPLES:-25}
workdir=$(mktemp -d)
export DATABASE_URL=${DATABASE_URL:-sqlite:///$workdir/schemathesis.sqlite3}
export CELERY_BROKER_URL=""  # Celery eager: the run needs no broker
port=${ST_PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base="http://127.0.0.1:$port"

if [[ "$DATABASE_URL" == postgres* ]]; then
  "$PY" - <<'PYEOF'
import os
import dj_database_url
import psycopg
from psycopg import sql

config = dj_database_url.parse(os.environ["DATABASE_URL"])
with psycopg.connect(
    dbname="postgres", user=config["USER"], password=config["PASSWORD"] or None,
    host=config["HOST"] or None, port=config["PORT"] or None, autocommit=True,
) as connection:
    exists = connection.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
    ).fetchone()
    if not exists:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
PYEOF
fi

echo "==> Database: migrate and seed the demo data"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_reference_data >/dev/null
DEBUG=1 "$PY" manage.py seed_demo -v0 >"$workdir/seed.log" 2>&1 || { cat "$workdir/seed.log"; exit 1; }
# The client's token, and dictionaries of real ids and codes (a tenant's relation number, a
# visible person, an open task) so that part of the requests reach the business logic.
config="$workdir/schemathesis.toml"
cp tools/schemathesis.toml "$config"
token=$("$PY" manage.py api_demo_client --slug schemathesis --schemathesis-config "$config" | tail -n 1)

echo "==> App on $base"
DEBUG=0 setsid "$PY" manage.py runserver "127.0.0.1:$port" --noreload >"$workdir/server.log" 2>&1 &
server=$!
cleanup() {
  kill -- "-$server" 2>/dev/null || kill "$server" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT
for _ in $(seq 60); do
  curl -fsS -o /dev/null "$base/api/v1/schema/" 2>/dev/null && break
  sleep 1
done

echo "==> schemathesis (max $MAX_EXAMPLES examples per operation)"
status=0
"$ST" --config-file "$config" run "$base/api/v1/schema/" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --generation-allow-x00 false \
  --seed "${ST_SEED:-20261123}" \
  --no-color || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 60 lines) ---"
  tail -n 60 "$workdir/server.log"
fi
exit "$status"
