#!/bin/sh
# plot.sh: frame time of the Kaplan-Meier figure for a million-subject cohort (issue 6, item 8).
#
# usage: bench/plot.sh [BUILD_DIR]             (default: _build; build it first with ninja)
# environment: SUBJECTS (1000000), FRAMES (20)
#
# Runs bench/ep-bench-plot.c: fits two KM curves once, then renders the whole figure (curves,
# CI bands, censoring marks, number-at-risk table, legend, annotation) repeatedly to a
# 1200 x 800 image surface (as a GtkDrawingArea's software rendering does), to the same at
# scale 2, and to a PDF. Prints the JSON and a one-line summary. The figure stays interactive
# when a screen frame takes well under 16 ms (60 frames per second).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/_build}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
bench=$build/bench/ep-bench-plot

if [ ! -x "$bench" ]; then
  echo "plot.sh: $bench is missing; run ninja -C $build first" >&2
  exit 2
fi

out=$("$bench" "${SUBJECTS:-1000000}" "${FRAMES:-20}")
echo "$out"
echo "$out" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("%d subjects, %d steps: fit %.0f ms; frame median (CPU) %.1f ms on screen, %.1f ms at scale 2, %.1f ms to PDF (%.1f MB)"
      % (r["subjects"], r["steps"], r["fit_ms"], r["screen_1200x800"]["cpu_median_ms"],
         r["hidpi_2400x1600"]["cpu_median_ms"], r["pdf"]["cpu_median_ms"], r["pdf"]["bytes"] / 1e6))
'
