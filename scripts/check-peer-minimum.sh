#!/usr/bin/env bash
# Checks the library against the oldest aws-cdk-lib of the peer range (package.json), in an install
# directory of its own: src/ type-checks, and the example app and every integration app
# (integ/integ.*.ts) synthesize. A peer minimum that type-checks but throws at synth (as 2.264 to
# 2.268 did, on cdk-nag acknowledgement ids) fails here. Needs the npm registry.
#
# Usage: scripts/check-peer-minimum.sh [aws-cdk-lib version]   (default: the peer minimum)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
min=${1:-$(node -p "require('./package.json').peerDependencies['aws-cdk-lib'].replace(/^[\^~]/, '')")}
constructs=$(node -p "require('constructs/package.json').version")
types_node=$(node -p "require('@types/node/package.json').version")
integ_tests=$(node -p "require('@aws-cdk/integ-tests-alpha/package.json').version")
# The library's own (bundled) dependencies, at the versions installed here.
read -r -a bundled <<<"$(node -p "Object.keys(require('./package.json').dependencies || {}).map(d => d + '@' + require(d + '/package.json').version).join(' ')")"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cp -r src integ examples tsconfig.json "$dir/"
mkdir -p "$dir/test" && cp test/helpers.ts "$dir/test/"
echo '{ "name": "peer-minimum-check", "private": true }' > "$dir/package.json"
(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
  "aws-cdk-lib@$min" "constructs@$constructs" "@types/node@$types_node" \
  "@aws-cdk/integ-tests-alpha@$integ_tests" "${bundled[@]}" >/dev/null)
installed=$(node -p "require('$dir/node_modules/aws-cdk-lib/package.json').version")

"$root/node_modules/.bin/tsc" --noEmit -p "$dir/tsconfig.json" --types node
echo "src/ type-checks against aws-cdk-lib $installed"

# Each app runs from the install directory, so 'aws-cdk-lib' resolves to the peer minimum.
apps=(examples/main.ts)
for f in integ/integ.*.ts; do apps+=("$f"); done
failed=0
for app in "${apps[@]}"; do
  out=$(mktemp -d)
  if (cd "$dir" && CDK_OUTDIR="$out" TS_NODE_TRANSPILE_ONLY=true TS_NODE_PROJECT="$dir/tsconfig.json" \
      node -r "$root/node_modules/ts-node/register" "$app" >"$out.log" 2>&1); then
    echo "synthesizes with aws-cdk-lib $installed: $app"
  else
    echo "FAILS to synthesize with aws-cdk-lib $installed: $app" >&2
    tail -n 20 "$out.log" >&2
    failed=1
  fi
  rm -rf "$out" "$out.log"
done
if [ "$failed" -ne 0 ]; then
  echo "the library does not work with aws-cdk-lib $installed: raise the peer minimum or fix the library" >&2
  exit 1
fi
echo "the example app and $(( ${#apps[@]} - 1 )) integration apps synthesize against aws-cdk-lib $installed (the peer minimum)"
