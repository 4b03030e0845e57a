#!/usr/bin/env bash
# Drill: Redis stops while staff work. Checks: pages keep working (login, search, card, caller
# lookup, contact registration, task inbox, knowledge base), /healthz answers 503 naming the
# broker, work that needs the broker (the break-the-glass mail to the team leader) is not lost,
# and once Redis is back the worker picks up new work by itself.
#
# gunicorn with the production settings, a Celery worker, an SMTP sink (python smtpd) for the
# mail. Own PostgreSQL (55432), Redis (6390), web port 8791; see drills/lib.sh.
source "$(dirname "$0")/lib.sh"
SMTP_PORT=$(free_port "${DRILL_SMTP_PORT:-2526}")
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=$SMTP_PORT EMAIL_USE_TLS=0
client() { "$PY" drills/staff_client.py --base "$BASE" "$@"; }
field() { "$PY" -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'D': d, **d}))" "$1"; }
mails() { grep -c "MESSAGE FOLLOWS" "$DRILL_DIR/smtp.log" 2>/dev/null || true; }
wait_mails() {  # wait_mails N SECONDS
  for _ in $(seq "$2"); do [ "$(mails)" -ge "$1" ] && return 0; sleep 1; done
  return 1
}

say "PostgreSQL on $DRILL_PG_PORT, Redis on $DRILL_REDIS_PORT, web on $DRILL_WEB_PORT (in $DRILL_DIR)"
pg_start
redis_start
"$PY" -u -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$SMTP_PORT" >"$DRILL_DIR/smtp-seed.log" 2>&1 &
DRILL_PIDS+=($!)
prepare_db demo
# Three persons outside the employee's scope (for three break-the-glass requests).
outside=$(manage shell -c "
from access.policy import persons_visible_to
from accounts.models import User
from contacts.models import Person
user = User.objects.get(username='medewerker')
visible = persons_visible_to(user).values('pk')
inside = persons_visible_to(user).order_by('pk').values_list('pk', flat=True).first()
print(inside, ' '.join(str(pk) for pk in Person.objects.exclude(pk__in=visible).order_by('pk')
      .values_list('pk', flat=True)[:3]))" 2>/dev/null | tail -1)
read -r inside p1 p2 p3 <<<"$outside"
say "person in medewerker's scope: $inside; outside: $p1 $p2 $p3"
kill "${DRILL_PIDS[-1]}"; wait "${DRILL_PIDS[-1]}" 2>/dev/null || true  # the seed's mail aside
"$PY" -u -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$SMTP_PORT" >"$DRILL_DIR/smtp.log" 2>&1 &
DRILL_PIDS+=($!)
production_env
web_start
worker_start

say "1. Redis up: baseline"
client healthz | tee "$DRILL_DIR/health-up.json"
check "healthz 200 with Redis up" test "$(field 'http' <"$DRILL_DIR/health-up.json")" = 200
check "staff work with Redis up" client work --person "$inside" >"$DRILL_DIR/work-up.json"
client break-glass --person "$p1" | tee "$DRILL_DIR/btg-up.json" || true
check "break-the-glass mail delivered by the worker" wait_mails 1 60
base_mails=$(mails)

say "2. Redis stops (shutdown nosave: queued tasks are gone too)"
redis_stop
client healthz | tee "$DRILL_DIR/health-down.json"
check "healthz answers 503 with Redis down" test "$(field 'http' <"$DRILL_DIR/health-down.json")" = 503
check "healthz names the broker as the failing check, database ok" \
  test "$(field 'checks["broker"]["status"] + "/" + checks["database"]["status"]' <"$DRILL_DIR/health-down.json")" = "error/ok"
client work --person "$inside" | tee "$DRILL_DIR/work-down.json" || true
check "login, search, card, lookup, contact registration, inbox, KB all work without Redis" \
  test "$(field 'len(failed)' <"$DRILL_DIR/work-down.json")" = 0
client break-glass --person "$p2" | tee "$DRILL_DIR/btg-down.json" || true
check "break-the-glass works without Redis (redirect to the card, card opens)" \
  test "$(field 'failed' <"$DRILL_DIR/btg-down.json")" = False
check "no stack trace in the answer" test "$(field 'leak' <"$DRILL_DIR/btg-down.json")" = False
check "the grant is stored" test "$(psql_drill -c \
  "SELECT count(*) FROM access_breakglassgrant WHERE person_id = $p2")" = 1
sleep 3
during=$(mails)
say "mails while Redis is down: $((during - base_mails)) new"

say "3. Redis is back"
redis_start
for _ in $(seq 30); do
  [ "$(client healthz | field 'http')" = 200 ] && break
  sleep 1
done
client healthz | tee "$DRILL_DIR/health-back.json"
check "healthz 200 again once Redis is back" test "$(field 'http' <"$DRILL_DIR/health-back.json")" = 200
check "the mail of the break-the-glass during the outage was not lost" \
  wait_mails $((base_mails + 1)) 90
client break-glass --person "$p3" | tee "$DRILL_DIR/btg-back.json" || true
check "the worker reconnected by itself: a new mail is delivered" wait_mails $((base_mails + 2)) 120
sleep 5
total=$(mails)
check "every mail exactly once ($((total)) mails for 3 break-the-glass requests)" test "$total" = 3
grep -A3 "^Subject" "$DRILL_DIR/smtp.log" | grep -E "^(Subject|To)" | sort | uniq -c || true

verdict "Redis stopped while staff work"
