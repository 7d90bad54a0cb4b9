#!/bin/sh
# Saving and opening a 1e6-row x 8-column project (issue 8: save < 2 s, open < 1 s). Builds the
# benchmark if needed and runs it in a directory on the same disk as the build (a real file
# system with fsync, not a tmpfs), 5 runs.
#
# usage: bench/project.sh [BUILDDIR]   (default: _build)
set -eu
build=${1:-_build}
ninja -C "$build" bench/ep-bench-project >/dev/null
dir=$(mktemp -d "$build/bench-project-XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$build/bench/ep-bench-project" --repeat 5 --dir "$dir"
