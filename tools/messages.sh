#!/usr/bin/env bash
# Regenerate the Dutch catalogues: one per app that keeps its own (APP/locale/), and the
# project catalogue (locale/) for everything else. Usage: tools/messages.sh PYTHON [compile]
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
root=$(pwd)
app_dirs=()
for dir in */locale; do
  app_dirs+=("${dir%/locale}")
done
ignores=(--ignore=.venv --ignore=.venv-ci --ignore=var --ignore=tests --ignore=staticfiles)
for app in "${app_dirs[@]}"; do
  ignores+=(--ignore="$app")
  (cd "$app" && "$root/$PY" "$root/manage.py" makemessages -l nl --no-location --no-obsolete \
    --ignore=tests >/dev/null)
done
"$PY" manage.py makemessages -l nl --no-location --no-obsolete "${ignores[@]}" >/dev/null
if [ "${2:-}" = "compile" ]; then
  "$PY" manage.py compilemessages --ignore=.venv --ignore=.venv-ci >/dev/null
fi
