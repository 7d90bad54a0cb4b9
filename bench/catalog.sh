#!/bin/sh
# Loading the bundled trial catalog (issue 4: under 50 ms). Builds the benchmark if needed and
# prints the in-process load time (ep-bench-catalog) and the wall time of a whole
# `endpoint-cli trials` run (process start, load, JSON output) for comparison.
#
# usage: bench/catalog.sh [BUILDDIR]   (default: _build)
set -eu
build=${1:-_build}
ninja -C "$build" bench/ep-bench-catalog src/cli/endpoint-cli >/dev/null
"$build/bench/ep-bench-catalog" --repeat 50
start=$(date +%s%N)
for i in 1 2 3 4 5 6 7 8 9 10; do
  "$build/src/cli/endpoint-cli" trials >/dev/null
done
end=$(date +%s%N)
echo "endpoint-cli trials: $(( (end - start) / 10000000 )) ms per run (mean of 10, whole process)"
