#!/bin/sh
# scaling.sh: endpoint-cli against R from 1e4 to 1e6 (or 1e7) rows, on the same files, in one
# interleaved run; prints markdown tables (issue 19).
#
# usage: bench/scaling.sh [BUILD_DIR]            (default: _build; build it first with ninja)
# environment:
#   SIZES    rows to run (default "10000 100000 1000000"; BIG=1 adds 10000000)
#   BIG=1    add 1e7 rows (a 560 MB file; R's read.csv alone takes minutes there)
#   REPEAT   rounds (3); every number reported is the minimum over the rounds, peak RSS the
#            maximum
#   R_MAX    the largest size R runs at (default: all); NO_R=1 skips R
#   NO_READCSV=1  skips read.csv (the slowest part of a round)
#   TABLES   a file to write the markdown tables to as well (default: only stdout)
#
# One round runs, for each size in turn, alternating the two sides so that both see the same
# load: ep-bench-csv --columns-only (ep_csv_read_columns, all 8 columns), R's fread (one
# thread), R's read.csv, endpoint-cli km, endpoint-cli logrank, R fread + survfit + survdiff,
# endpoint-cli cox (6 terms, Efron), R fread + coxph. Every one is a process of its own under
# /usr/bin/time -v: CPU (user + system), wall and peak RSS of the whole process (start-up,
# reading, computing, writing the JSON). Compute alone: endpoint-cli's --timing
# (compute_cpu_s: process CPU time around the statistics, after the columns are built) and R's
# system.time() around the model calls (user + system).
#
# End to end, KM + log-rank is one endpoint-cli process, `km --logrank` (reads the file once, as
# R does), against one R process that reads once (fread) and calls survfit and survdiff: R's
# side is its system.time of the read and of the calls, without R's start-up (about 0.2 s),
# which favours R. km and logrank also run alone (their own rows in the process table).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/_build}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
sizes=${SIZES:-"10000 100000 1000000"}
[ "${BIG:-0}" = 1 ] && sizes="$sizes 10000000"
repeat=${REPEAT:-3}
r_max=${R_MAX:-999999999999}
cli=$build/src/cli/endpoint-cli
generate=$build/bench/ep-bench-generate
bench_csv=$build/bench/ep-bench-csv
out=$root/bench/out
timer=/usr/bin/time

for program in "$cli" "$generate" "$bench_csv"; do
  [ -x "$program" ] || { echo "scaling.sh: $program not found; run ninja -C $build first" >&2; exit 2; }
done
[ -x "$timer" ] || { echo "scaling.sh: GNU time (/usr/bin/time, Debian package time) is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "scaling.sh: python3 is needed" >&2; exit 2; }

use_r=1
if [ "${NO_R:-0}" = 1 ] || ! command -v Rscript >/dev/null ||
   ! Rscript -e 'quit(status = !(requireNamespace("survival", quietly = TRUE) && requireNamespace("data.table", quietly = TRUE)))' >/dev/null 2>&1; then
  use_r=0
  echo "== R with survival and data.table is not there (or NO_R=1): endpoint-cli only"
fi

mkdir -p "$out"
for n in $sizes; do
  csv=$out/survival-$n.csv
  if [ ! -s "$csv" ] || [ "$generate" -nt "$csv" ]; then
    echo "generating $n rows into $csv"
    "$generate" --rows "$n" "$csv.$$"
    mv -f "$csv.$$" "$csv"
  fi
done

work=$(mktemp -d "$out/scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# run NAME COMMAND...: one timed process; its /usr/bin/time report in NAME.time, stdout in
# NAME.out, the load average before it in NAME.load.
run () {
  name=$1; shift
  cut -d' ' -f1 /proc/loadavg > "$work/$name.load"
  if ! "$timer" -v -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err"; then
    echo "scaling.sh: $name failed:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
}

echo "== machine: $(nproc) cores, $(uname -srm), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== started $(date -u '+%Y-%m-%d %H:%M UTC'); sizes: $sizes; $repeat rounds"
round=1
while [ $round -le "$repeat" ]; do
  for n in $sizes; do
    csv=$out/survival-$n.csv
    r=0
    [ "$use_r" = 1 ] && [ "$n" -le "$r_max" ] && r=1
    echo "   round $round, $n rows (load $(cut -d' ' -f1 /proc/loadavg))"
    run "ep-csv.$n.$round" "$bench_csv" --repeat 1 --columns-only "$csv"
    [ $r = 1 ] && run "r-fread.$n.$round" Rscript "$root/bench/scaling.R" fread "$csv"
    [ $r = 1 ] && [ "${NO_READCSV:-0}" != 1 ] &&
      run "r-readcsv.$n.$round" Rscript "$root/bench/scaling.R" readcsv "$csv"
    run "ep-km.$n.$round" "$cli" km --time time --event status --group group --csv "$csv" --timing
    run "ep-logrank.$n.$round" "$cli" logrank --time time --event status --group group --csv "$csv" --timing
    run "ep-kmlr.$n.$round" "$cli" km --logrank --time time --event status --group group --csv "$csv" --timing
    [ $r = 1 ] && run "r-kmlr.$n.$round" Rscript "$root/bench/scaling.R" kmlr "$csv"
    run "ep-cox.$n.$round" "$cli" cox --time time --event status --covariates group,x1,x2,x3,x4,x5 \
      --factors group --ties efron --csv "$csv" --timing
    [ $r = 1 ] && run "r-cox.$n.$round" Rscript "$root/bench/scaling.R" cox "$csv"
  done
  round=$((round + 1))
done
echo "== finished $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$root/bench/scaling-report.py" "$work" "$sizes" "$repeat" | tee "${TABLES:-/dev/null}"
