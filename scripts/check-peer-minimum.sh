#!/usr/bin/env bash
# Type-checks src/ against the oldest aws-cdk-lib of the peer range (package.json), so the stated
# minimum really carries every L1 property the library sets. Needs the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
min=$(node -p "require('./package.json').peerDependencies['aws-cdk-lib'].replace(/^[\^~]/, '')")
constructs=$(node -p "require('constructs/package.json').version")
types_node=$(node -p "require('@types/node/package.json').version")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp -r src tsconfig.json "$dir/"
echo '{ "name": "peer-minimum-check", "private": true }' > "$dir/package.json"
(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
  "aws-cdk-lib@$min" "constructs@$constructs" "@types/node@$types_node" >/dev/null)
node_modules/.bin/tsc --noEmit -p "$dir/tsconfig.json" --types node
echo "src/ type-checks against aws-cdk-lib $min (the peer minimum)"
