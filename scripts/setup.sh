#!/usr/bin/env bash
# Creates .venv and installs newswatch with its test extras. Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -r requirements/model.txt
python -m pip install --quiet -e ".[test,dask,bench]"
