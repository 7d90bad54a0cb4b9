#!/usr/bin/env bash
# Importing a 1e6 x 8 .xlsx: Endpoint's reader (ep-bench-sheet: the app's ep_import_file)
# against R's readxl::read_excel on the same file. Targets: <= 5 s and <= 500 MB.
#
#   bench/sheets.sh [BUILD_DIR]     ROWS=1000000 REPEAT=3; NO_R=1 skips R
#
# The file: bench/ep-bench-generate's survival CSV (time, status, group, x1..x5) written as
# .xlsx by openpyxl's streaming writer (bench/make-xlsx.py; made once, kept in bench/out/).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../_build}
rows=${ROWS:-1000000}
repeat=${REPEAT:-3}
out=$here/out
csv=$out/survival-$rows.csv
xlsx=$out/survival-$rows.xlsx

mkdir -p "$out"
if [ ! -s "$csv" ]; then
  "$build/bench/ep-bench-generate" --rows "$rows" "$csv.$$"
  mv -f "$csv.$$" "$csv"
fi
if [ ! -s "$xlsx" ]; then
  echo "writing $xlsx with openpyxl (a few minutes)"
  /usr/bin/python3 "$here/make-xlsx.py" "$csv" "$xlsx.$$.xlsx"
  mv -f "$xlsx.$$.xlsx" "$xlsx"
fi
echo "file: $xlsx ($(du -h "$xlsx" | cut -f1)); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

have_r=
if [ -z "${NO_R:-}" ] && command -v Rscript >/dev/null && Rscript -e 'library(readxl)' >/dev/null 2>&1; then
  have_r=1
fi

# Interleaved, so that both sides see the same load; take the minima.
for i in $(seq "$repeat"); do
  printf 'endpoint: '
  "$build/bench/ep-bench-sheet" "$xlsx"
  if [ -n "$have_r" ]; then
    printf 'readxl: '
    Rscript -e "library(readxl); g <- gc(reset = TRUE); t <- system.time(d <- read_excel('$xlsx')); g <- gc(); \
      cat(sprintf('{\"rows\": %d, \"columns\": %d, \"wall_s\": %.3f, \"cpu_s\": %.3f, \"r_max_used_mb\": %.0f}\n', \
      nrow(d), ncol(d), t[['elapsed']], t[['user.self']] + t[['sys.self']], sum(g[, 6])))"
  fi
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
