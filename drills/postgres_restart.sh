#!/usr/bin/env bash
# Drill: PostgreSQL goes away under load and comes back. Checks: while it is away every request
# gets an answer (no hung or dropped connections), and every failure is the plain Dutch error
# page (HTTP 500, or 400 when the session save is cut off; templates/500.html) without a stack
# trace, SQL or data; /healthz says 503 with
# the database check failing; once PostgreSQL is back the application recovers by itself (no
# restart of gunicorn, persistent connections re-opened: CONN_HEALTH_CHECKS) and the staff are
# still logged in (sessions live in the database and survive).
#
#   drills/postgres_restart.sh                  # stopped for 8 seconds, then a fast restart
#   DOWN_SECONDS=20 drills/postgres_restart.sh
#
# Own PostgreSQL (55432), Redis (6390), web port; see drills/lib.sh.
source "$(dirname "$0")/lib.sh"
DOWN_SECONDS=${DOWN_SECONDS:-8}
HAMMER_SECONDS=$((DOWN_SECONDS + 45))
client() { "$PY" drills/staff_client.py --base "$BASE" "$@"; }
field() { "$PY" -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'D': d, **d}))" "$1"; }

say "PostgreSQL on $DRILL_PG_PORT, Redis on $DRILL_REDIS_PORT, web on $DRILL_WEB_PORT (in $DRILL_DIR)"
pg_start
redis_start
prepare_db demo
persons=$(manage shell -c "
from access.policy import persons_visible_to
from accounts.models import User
print(','.join(str(persons_visible_to(User.objects.get(username=u)).order_by('pk')
      .values_list('pk', flat=True).first()) for u in ('medewerker', 'medewerker.zuid', 'teamleider')))
" 2>/dev/null | tail -1)
production_env
export DATABASE_CONN_MAX_AGE=60  # the production default, said explicitly
WEB_WORKERS=3 web_start
check "healthz 200 before" test "$(client healthz | field 'http')" = 200

say "three employees working flat out for ${HAMMER_SECONDS}s; PostgreSQL stops after 15s for ${DOWN_SECONDS}s"
client hammer --users medewerker,medewerker.zuid,teamleider --persons "$persons" \
  --seconds "$HAMMER_SECONDS" --out "$DRILL_DIR/requests.jsonl" >/dev/null &
hammer=$!
sleep 15
down_at=$(date +%s.%N)
pg_stop fast
say "PostgreSQL stopped"
sleep 2
client healthz >"$DRILL_DIR/health-down.json" || true
say "healthz while down: $(cat "$DRILL_DIR/health-down.json")"
sleep $((DOWN_SECONDS - 2))
pg_start
up_at=$(date +%s.%N)
say "PostgreSQL started again"
wait "$hammer"
client healthz >"$DRILL_DIR/health-after.json"
say "healthz after: $(cat "$DRILL_DIR/health-after.json")"
check "healthz said 503 with the database failing while it was down" \
  test "$(field 'str(http) + "/" + checks["database"]["status"]' <"$DRILL_DIR/health-down.json")" = "503/error"
check "healthz 200 again after" test "$(field 'http' <"$DRILL_DIR/health-after.json")" = 200

"$PY" - "$DRILL_DIR/requests.jsonl" "$down_at" "$up_at" >"$DRILL_DIR/analysis.json" <<'PYEOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
down, up = float(sys.argv[2]), float(sys.argv[3])
before = [r for r in rows if r["t"] < down - 0.5]
during = [r for r in rows if down - 0.5 <= r["t"] <= up + 0.5]
after = [r for r in rows if r["t"] > up + 0.5]
ok = lambda r: r["status"] in (200, 302) and not r.get("login_redirect")
failed = [r for r in rows if not ok(r)]
settled = [r for r in after if r["t"] > up + 5]
first_ok_after = min((r["t"] for r in after if ok(r)), default=None)
print(json.dumps({
    "requests": len(rows),
    "before": len(before), "before_failed": sum(not ok(r) for r in before),
    "during": len(during), "during_failed": sum(not ok(r) for r in during),
    "after": len(after), "after_failed": sum(not ok(r) for r in after),
    "settled_failed": sum(not ok(r) for r in settled),
    "statuses_failed": sorted({r["status"] for r in failed}),
    "no_answer": sum(r["status"] == 0 for r in rows),
    "failed_not_dutch_page": sum(not r.get("dutch_error_page") for r in failed if r["status"]),
    "leaks": sum(bool(r.get("leak")) for r in rows),
    "login_redirects": sum(bool(r.get("login_redirect")) for r in rows),
    "recovered_after_s": round(first_ok_after - up, 2) if first_ok_after else None,
    "down_s": round(up - down, 1),
}))
PYEOF
say "requests: $(cat "$DRILL_DIR/analysis.json")"
a() { field "$1" <"$DRILL_DIR/analysis.json"; }
check "all requests before the stop succeeded" test "$(a 'before_failed')" = 0
check "requests failed while PostgreSQL was away ($(a 'during_failed') of $(a 'during'))" \
  test "$(a 'during_failed')" -gt 0
check "every request got an answer (no dropped connection)" test "$(a 'no_answer')" = 0
# 500: the request failed; 400: the session could not be saved at the very moment PostgreSQL
# went away (Django's SessionInterrupted). Both show templates/500.html.
check "failures are HTTP 500 or 400 ($(a 'statuses_failed'))" \
  test "$(a 'set(statuses_failed) <= {400, 500}')" = True
check "every failure is the plain Dutch error page" test "$(a 'failed_not_dutch_page')" = 0
check "no stack trace, SQL or driver message in any answer" test "$(a 'leaks')" = 0
check "nobody was logged out" test "$(a 'login_redirects')" = 0
check "recovered by itself: no failure from 5 s after PostgreSQL was back" test "$(a 'settled_failed')" = 0
check "gunicorn kept running" kill -0 "$WEB_PID"
say "gunicorn log: $(grep -c Traceback "$DRILL_DIR/gunicorn.log" || true) tracebacks (server side only)"

verdict "PostgreSQL restarted under load"
