#!/usr/bin/env bash
# The project's test command (README). Uses ../shared/data when present (NEWSWATCH_DATA overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python -m pytest -q -ra "$@"
