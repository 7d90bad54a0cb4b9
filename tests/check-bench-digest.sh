#!/bin/sh
# check-bench-digest.sh: the results on the million-row benchmark file may not change (issue 19).
#
# usage: check-bench-digest.sh GENERATOR ENDPOINT-CLI WORK-DIR
#
# Generates bench/survival.sh's file (ep-bench-generate --rows 1000000, its fixed seed: 55 MB,
# written once into WORK-DIR in the build tree and kept there, never committed), checks the
# file's own sha256 (so that a change of the generator or of the C library's exp/log/cos is told
# apart from a change of the results), then runs endpoint-cli km, logrank and cox (6 terms,
# Efron; as bench/survival.sh runs them, without --timing) and compares the sha256 of each JSON
# with the value below. Any change in any digit of any result at 1e6 rows turns this red. On a
# difference the JSON stays in WORK-DIR for a diff against a good build's.
#
# The digests were made on the 2026-12-02 main (x86-64, Debian 12's glibc and GSL) and match
# the table in bench/README.md. If a change of the results is intended, say why in the commit
# and put the new digests here.
set -eu

generate=$1
cli=$2
dir=$3

csv_sha=1545a74b4fd7b1b27d4b283490b50ee97f61987b049ce490ab9eda4e77efd8d0
km_sha=f67d258cc9cd072d75ccd9524c494287425fd9fabfc3397c7c8c0337007158f1
logrank_sha=c80ba526a0797f09f74ee91892a1628d676b504bc902ff8ae90f88f049c054a7
cox_sha=0b4ac92c1fe54830d362fc686db30150b4454da2697c10a8957063ffe619ca6d

mkdir -p "$dir"
csv=$dir/survival-1000000.csv
if [ ! -s "$csv" ] || [ "$generate" -nt "$csv" ]; then
  "$generate" --rows 1000000 "$csv.$$"
  mv -f "$csv.$$" "$csv"
fi

status=0
got=$(sha256sum "$csv" | cut -d' ' -f1)
if [ "$got" != "$csv_sha" ]; then
  echo "not ok: the generated file $csv has sha256 $got, expected $csv_sha"
  echo "  (ep-bench-generate or the C library's exp/log/cos changed: the digests below cannot be compared)"
  exit 1
fi
echo "ok: the generated file (sha256 $got)"

check () {
  name=$1 expected=$2
  shift 2
  "$cli" "$@" --csv "$csv" > "$dir/$name.json"
  got=$(sha256sum "$dir/$name.json" | cut -d' ' -f1)
  if [ "$got" = "$expected" ]; then
    echo "ok: $name (sha256 $got)"
    rm -f "$dir/$name.json"
  else
    echo "not ok: $name: sha256 $got, expected $expected; the output is in $dir/$name.json"
    status=1
  fi
}

check km "$km_sha" km --time time --event status --group group
check logrank "$logrank_sha" logrank --time time --event status --group group
check cox "$cox_sha" cox --time time --event status --covariates group,x1,x2,x3,x4,x5 \
  --factors group --ties efron

exit $status
