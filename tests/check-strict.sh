#!/bin/sh
# Runs a validator and fails if it exits non-zero or prints anything at all:
# "report nothing" means no warnings, infos or pedantic notes either.
out=$("$@" 2>&1)
status=$?
printf '%s\n' "$out"
[ $status -eq 0 ] || exit 1
# appstreamcli prints a summary line "Validation was successful." when clean.
rest=$(printf '%s\n' "$out" | grep -v -e '^$' -e '^✔ Validation was successful' -e '^Validation was successful')
[ -z "$rest" ] || { echo "validator reported the lines above"; exit 1; }
