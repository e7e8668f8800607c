#!/usr/bin/env bash
# Proof that `npm test` does not depend on the machine's speed: three runs in a row, each with its own
# TEST_SEED, while two CPU-bound processes run beside them. Run it by hand before a change that touches
# timing (it takes most of an hour on two cores); CI runs `npm test` once.
# Usage: npm run test:under-load   (RUNS=<n> for another number of runs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
logs="$(mktemp -d /tmp/dealbot-under-load.XXXXXX)"
node -e 'for(;;);' & hog1=$!
node -e 'for(;;);' & hog2=$!
trap 'kill "$hog1" "$hog2" 2>/dev/null || true' EXIT
echo "== npm test, $runs runs, beside two CPU hogs (pids $hog1 $hog2); logs in $logs"
summary=()
for run in $(seq "$runs"); do
  seed=$(( (RANDOM << 15 | RANDOM) % 2147483647 ))
  started=$SECONDS
  if TEST_SEED="$seed" npm test >"$logs/run-$run.log" 2>&1; then
    outcome=passed
  else
    outcome=FAILED
  fi
  took=$(( SECONDS - started ))
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  line="run $run (TEST_SEED=$seed): $outcome in $(( took / 60 )) min $(( took % 60 )) s, load average $load"
  summary+=("$line")
  echo "$line"
  if [ "$outcome" = FAILED ]; then
    tail -n 60 "$logs/run-$run.log"
    exit 1
  fi
done
printf '%s\n' "== all $runs runs passed" "${summary[@]}"
