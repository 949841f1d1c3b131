#!/usr/bin/env bash
# Reproduce src/newswatch/web/static/vendor/: the dashboard's third-party browser files, from npm.
# The dashboard must work offline, so nothing is loaded from a CDN at run time.
set -euo pipefail

D3_VERSION=7.9.2
TOPOJSON_CLIENT_VERSION=3.1.0
WORLD_ATLAS_VERSION=2.0.2

here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/newswatch/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  "d3@$D3_VERSION" "topojson-client@$TOPOJSON_CLIENT_VERSION" "world-atlas@$WORLD_ATLAS_VERSION" >/dev/null

rm -rf "$dest"
mkdir -p "$dest/d3" "$dest/topojson-client" "$dest/world-atlas"
cp node_modules/d3/dist/d3.min.js node_modules/d3/LICENSE "$dest/d3/"
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$dest/topojson-client/"
cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE "$dest/world-atlas/"

cat > "$dest/VERSIONS.txt" <<VERSIONS
Vendored from npm by scripts/vendor_web_assets.sh; each folder keeps the package's LICENSE.
d3 $D3_VERSION (ISC) - dist/d3.min.js
topojson-client $TOPOJSON_CLIENT_VERSION (ISC) - dist/topojson-client.min.js
world-atlas $WORLD_ATLAS_VERSION (ISC; data from Natural Earth, public domain) - countries-110m.json
VERSIONS
echo "vendored into $dest"
