#!/usr/bin/env bash
# Rebuild the web app's JavaScript and CSS from web/ (npm packages, esbuild) into
# src/newsgraph/serve/static/, which is committed: `pip install` needs no npm.
# Needs Node 18+ and npm, and the npm registry for `npm ci` (once).
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
node build.mjs
