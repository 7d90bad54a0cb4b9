#!/usr/bin/env bash
# From a committed edit to the redrawn Kaplan-Meier figure (issue 11): 20 edits of one follow-up
# time on a 1e5-row and a 1e6-row cohort, each through the live graph (the analysis's debounced
# background update, then the figure drawn again). Targets: <= 150 ms at 1e5, <= 1 s at 1e6.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/_build}
ninja -C "$build" bench/ep-bench-live >/dev/null
for rows in 100000 1000000; do
  "$build/bench/ep-bench-live" "$rows" 20
done
