#!/bin/sh
# Fails when a file with translatable strings is missing from po/POTFILES.in, or when
# POTFILES.in names a file that does not exist.
set -u
root=$1
cd "$root" || exit 1
listed=$(grep -v -e '^#' -e '^$' po/POTFILES.in | sort)
status=0

for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in names $f, which does not exist"; status=1; }
done

candidates=$( { git ls-files 'src/*.c' 'ui/*.ui' 'data/*.in' 'data/*.gschema.xml' 2>/dev/null ||
                find src ui data -name '*.c' -o -name '*.ui' -o -name '*.in' -o -name '*.gschema.xml'; } | sort -u)
for f in $candidates; do
  [ -f "$f" ] || continue
  case "$f" in
    *.c) grep -q -E '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' "$f" || continue ;;
    *.ui) grep -q 'translatable="yes"' "$f" || continue ;;
    *.gschema.xml) grep -q -E '<(summary|description)>' "$f" || continue ;;
    *.in) ;;
  esac
  printf '%s\n' "$listed" | grep -qx "$f" || { echo "$f has translatable strings but is not in po/POTFILES.in"; status=1; }
done

[ $status -eq 0 ] && echo "po/POTFILES.in covers every translatable file"
exit $status
