#!/usr/bin/env bash
# Set up a virtual environment in .venv with eventdesk and its test tools.
# Idempotent: a second run only checks that everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# The model first, checked against its pinned hash, then everything else
# under the constraints file so versions cannot drift. The train extra (torch, CPU
# build) is installed too: a test trains a small model end to end.
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
.venv/bin/python -m pip install --quiet -c constraints.txt -e '.[test,train]'
echo "eventdesk is set up in .venv"
