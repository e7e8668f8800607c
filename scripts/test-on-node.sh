#!/usr/bin/env bash
# Runs `npm ci` and `npm test` on another Node (scripts/node-home.sh fetches it from the npm registry, with
# the headers native modules build against, so nothing else is downloaded), in a clone of the committed
# tree so this checkout's node_modules stay as they are.
# Usage: scripts/test-on-node.sh <version>   e.g. scripts/test-on-node.sh 24
set -euo pipefail
version="${1:?usage: scripts/test-on-node.sh <node version>}"
cd "$(dirname "$0")/.."
node_home="$(bash scripts/node-home.sh "$version")"
work="$(mktemp -d /tmp/dealbot-node-"$version".XXXXXX)"
trap 'rm -rf "$work"' EXIT
git clone --quiet --local . "$work/repo"
npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
cd "$work/repo"
export PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home"
echo "== npm test on node $(node --version)"
node "$npm_cli" ci --no-audit --no-fund
node "$npm_cli" test
