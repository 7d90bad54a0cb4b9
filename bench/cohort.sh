#!/usr/bin/env bash
# How long a million-row cohort takes to build (issue 7: under 1 s). Run after building _build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/_build}
ninja -C "$build" bench/ep-bench-cohort >/dev/null
"$build/bench/ep-bench-cohort" "${1:-1000000}"
