#!/bin/sh
# Fails when a language in po/LINGUAS leaves a string untranslated or fuzzy, or has a string
# the sources no longer use. The template is built fresh from po/POTFILES.in.
set -u
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root" || exit 1

files=$(grep -v -e '^#' -e '^$' po/POTFILES.in)
# The keywords of meson's i18n 'glib' preset.
xgettext --from-code=UTF-8 --add-comments --package-name=endpoint \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  -o "$tmp/endpoint.pot" $files || exit 1

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  [ -f "$po" ] || { echo "$po is missing"; status=1; continue; }
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/endpoint.pot" || { status=1; continue; }
  msgfmt --check -o /dev/null "$po" || { echo "$po: msgfmt --check failed"; status=1; }
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) status=1 ;;
  esac
  # Strings the sources no longer use stay behind as obsolete (#~) entries.
  if grep -q '^#~ msgid' "$tmp/$lang.po"; then
    echo "$lang: obsolete strings; run ninja -C _build endpoint-update-po"
    status=1
  fi
done
exit $status
