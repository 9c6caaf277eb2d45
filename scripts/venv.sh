#!/bin/sh
# Create or reuse .venv and install a requirements file when it (or its includes) changed.
# Usage: . scripts/venv.sh requirements.txt
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
requirements=${1:-requirements.txt}
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null 2>&1 || python=python3
cd "$root"
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=$(cat requirements.txt "$requirements" | sha256sum | cut -c1-16)
if [ "$(cat .venv/.installed-"$requirements" 2>/dev/null)" != "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$stamp" > .venv/.installed-"$requirements"
fi
