#!/usr/bin/env bash
# The GPU check of issue 19 in one command, everything written under OUT (default runs/gpu_check):
#   bash .ci/gpu_check.sh [OUT]          # on a CUDA machine, after `pip install -e .`: at most about 10 minutes
#   bash .ci/gpu_check.sh OUT --tiny     # the same steps at toy size on the CPU (run by the tests of 12_bench)
# Each step has its own time limit, so a slow or failing step leaves the others their minutes; a step's output and
# exit status are in OUT/STEP.log and OUT/status.txt. The limits add up to 590 s (the device allows 600 s a call).
# Not yet run on a GPU.
set -uo pipefail
OUT=${1:-runs/gpu_check}; TINY=${2:-}
mkdir -p "$OUT"; : > "$OUT/status.txt"
step() {  # step NAME SECONDS COMMAND...
  local name=$1 limit=$2; shift 2
  local t0=$(date +%s)
  timeout "$limit" "$@" > "$OUT/$name.log" 2>&1; local rc=$?
  echo "$name exit $rc after $(( $(date +%s) - t0 )) s (limit $limit s)" | tee -a "$OUT/status.txt"
}
if [ "$TINY" = "--tiny" ]; then
  step info 60 virtex-nb info
  step bench 300 virtex-nb --threads 1 bench --device cpu --config test --only machine pretrain jpeg --out "$OUT/bench.csv"
  step calibration 600 virtex-nb reproduce --preset micro --out "$OUT/calibration" --jobs 1
else
  step info 30 virtex-nb info
  step bench 240 virtex-nb bench --device cuda --config gpu --only machine pretrain jpeg caption --out "$OUT/bench.csv"
  step calibration 320 virtex-nb reproduce --preset gpu_calibration --out "$OUT/calibration"
fi
rm -rf "$OUT/calibration/data" "$OUT/calibration/cache"   # regenerable: keep what comes back small
echo "wrote $OUT: $(ls "$OUT" | tr '\n' ' ')"
