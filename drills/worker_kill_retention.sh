#!/usr/bin/env bash
# Drill: SIGKILL the Celery worker in the middle of the nightly retention run, restart it,
# run again. Checks: no record lost that must stay, every expired record handled exactly once,
# the run reports add up (what the killed run reports is exactly what it committed).
#
#   drills/worker_kill_retention.sh            # 60,000 contacts, 20,000 expired
#   TOTAL=150000 drills/worker_kill_retention.sh
#
# Own PostgreSQL (55432) and Redis (6390); see drills/lib.sh.
source "$(dirname "$0")/lib.sh"
TOTAL=${TOTAL:-60000}
EVERY=${EVERY:-3}

state() { "$PY" drills/retention_data.py state; }
field() { "$PY" -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'D': d, **d}))" "$1"; }

say "PostgreSQL on $DRILL_PG_PORT, Redis on $DRILL_REDIS_PORT (throwaway, in $DRILL_DIR)"
pg_start
redis_start
prepare_db
say "generating $TOTAL contacts, every ${EVERY}rd three years old, holds on 5 persons"
"$PY" drills/retention_data.py generate --total "$TOTAL" --every "$EVERY" --held-persons 5 \
  | tee "$DRILL_DIR/expectation.json"
say "vacuum analyze"; psql_drill -c "VACUUM ANALYZE"
say "production settings, collectstatic, worker"

production_env
worker_start
say "worker pid $WORKER_PID; sending the nightly task through the broker"
"$VENV/bin/celery" -A klantcontact call retention.tasks.nightly_retention_run >/dev/null

# Kill as soon as the first batch is committed: the next batch is then in flight.
killed=0
for _ in $(seq 1200); do
  deleted=$(psql_drill -c "SELECT coalesce(sum(deleted), 0) FROM retention_retentionrunrule" 2>/dev/null || echo 0)
  if [ "${deleted:-0}" -gt 0 ]; then
    pkill -KILL -P "$WORKER_PID" || true
    kill -KILL "$WORKER_PID"
    wait "$WORKER_PID" 2>/dev/null || true
    killed=1
    break
  fi
  sleep 0.2
done
check "the worker was killed during the run (after $deleted deletions were reported)" test "$killed" = 1
state >"$DRILL_DIR/after-kill.json"
say "after the kill: $(field '{k: v for k, v in D.items() if k != "runs"}' <"$DRILL_DIR/after-kill.json")"
say "runs: $(field 'runs' <"$DRILL_DIR/after-kill.json")"
reported=$(field 'sum(r["deleted"] or 0 for r in runs)' <"$DRILL_DIR/after-kill.json")
gone=$(field 'gone' <"$DRILL_DIR/after-kill.json")
must_go=$(field 'must_go' <"$DRILL_DIR/after-kill.json")
check "the killed run's report matches what it committed (reported $reported, gone $gone)" \
  test "$reported" = "$gone"
check "the kill left work undone (gone $gone of $must_go)" test "$gone" -lt "$must_go"
check "nothing that must stay was lost" test "$(field 'lost' <"$DRILL_DIR/after-kill.json")" = 0
check "the killed run still shows as running" \
  test "$(field 'runs[-1]["status"]' <"$DRILL_DIR/after-kill.json")" = running

say "restarting the worker; the next night's run while the dead run's lease is still valid"
worker_start
"$VENV/bin/celery" -A klantcontact call retention.tasks.nightly_retention_run >/dev/null
sleep 5
runs_now=$(state | field 'len(runs)')
check "a second run does not start while the killed run's lease (15 min) is valid" test "$runs_now" = 1
say "the lease expires (PEXPIRE 1 ms, what 15 minutes do); the next night's run"
redis-cli -p "$DRILL_REDIS_PORT" pexpire klantcontact:retention-run 1 >/dev/null
sleep 0.1
"$VENV/bin/celery" -A klantcontact call retention.tasks.nightly_retention_run >/dev/null
finished=0
for _ in $(seq 900); do
  status=$(psql_drill -c "SELECT status FROM retention_retentionrun ORDER BY id DESC LIMIT 1")
  if [ "$(psql_drill -c 'SELECT count(*) FROM retention_retentionrun')" -ge 2 ] \
    && [ "$status" != running ]; then finished=1; break; fi
  sleep 1
done
check "the re-run finished" test "$finished" = 1
state >"$DRILL_DIR/after-rerun.json"
say "after the re-run: $(field '{k: v for k, v in D.items() if k != "runs"}' <"$DRILL_DIR/after-rerun.json")"
say "runs: $(field 'runs' <"$DRILL_DIR/after-rerun.json")"
d() { field "$1" <"$DRILL_DIR/after-rerun.json"; }
check "every expired record without a hold is gone" test "$(d 'due_left')" = 0
check "nothing that must stay was lost (kept $(d 'kept') of $(d 'must_stay'))" \
  test "$(d 'lost')" = 0 -a "$(d 'kept')" = "$(d 'must_stay')"
check "the reports add up: deleted over both runs = records gone ($(d 'sum(r["deleted"] or 0 for r in runs)') = $(d 'gone'))" \
  test "$(d 'sum(r["deleted"] or 0 for r in runs)')" = "$(d 'gone')"
check "the re-run skipped exactly the held expired records ($(d 'runs[-1]["skipped_hold"]') = $(d 'held'))" \
  test "$(d 'runs[-1]["skipped_hold"]')" = "$(d 'held')"
check "no errors reported" test "$(d 'sum(r["errors"] or 0 for r in runs)')" = 0
check "the killed run is marked interrupted, the re-run succeeded" \
  test "$(d 'runs[0]["status"]')/$(d 'runs[-1]["status"]')" = "interrupted/succeeded"
check "no task left without its contact" test "$(d 'orphan_tasks')" = 0
check "audit entries of deleted contacts redacted, of kept ones not" \
  test "$(d 'audit_unredacted_of_deleted')/$(d 'audit_redacted_of_kept')" = "0/0"

say "a third run changes nothing (idempotent)"
"$VENV/bin/celery" -A klantcontact call retention.tasks.nightly_retention_run >/dev/null
for _ in $(seq 300); do
  [ "$(psql_drill -c "SELECT count(*) FROM retention_retentionrun WHERE status <> 'running'")" -ge 3 ] && break
  sleep 1
done
state >"$DRILL_DIR/after-third.json"
t() { field "$1" <"$DRILL_DIR/after-third.json"; }
check "third run: 0 deleted, nothing else gone ($(t 'runs[-1]'))" \
  test "$(t 'runs[-1]["deleted"]')/$(t 'gone')/$(t 'runs[-1]["status"]')" = "0/$(d 'gone')/succeeded"

verdict "worker killed during the retention run"
