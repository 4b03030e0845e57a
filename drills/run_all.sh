#!/usr/bin/env bash
# Run every fault drill in turn; prints each verdict and exits non-zero when one failed.
# Each drill starts its own PostgreSQL cluster and redis-server (never the shared ones).
#   drills/run_all.sh                 # about 15 minutes on a busy 2-core machine
#   drills/run_all.sh redis_down      # only the drills named
cd "$(dirname "$0")/.."
drills=("$@")
[ ${#drills[@]} -eq 0 ] && drills=(worker_kill_retention redis_down postgres_restart restore_erasure)
failed=0
summary=()
for drill in "${drills[@]}"; do
  log=$(mktemp "/tmp/kc-drill-$drill.XXXXXX.log")
  echo "==> $drill (log: $log)"
  started=$(date +%s)
  if "drills/$drill.sh" >"$log" 2>&1; then result=PASS; else result=FAIL; failed=1; tail -40 "$log"; fi
  grep -E "^(PASS|FAIL):|  (ok|FAILED):" "$log"
  summary+=("$result $drill ($(($(date +%s) - started)) s)")
done
echo
printf '%s\n' "${summary[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $failed
