#!/usr/bin/env bash
# Runs the whole jest suite against the newest aws-cdk-lib the registry serves (the top of the
# peer range), installed in a directory of its own: package.json, package-lock.json and
# node_modules stay as they are, and nothing is left behind.
#
# src/ is type-checked against that version, then jest runs with `aws-cdk-lib` (and every
# `aws-cdk-lib/...` module) resolved to it, for the tests and for every package that loads it
# (cdk-nag, the integ-tests and imagebuilder alphas); `constructs` stays the project's, so there is
# one copy of each. ts-jest type-checks the tests against the project's own aws-cdk-lib (the
# version they are written for): the run checks behaviour, the tsc step checks types. Snapshots
# are compared, never written (--ci), and no JUnit report is written (CI reads npm test's).
# Needs the npm registry.
#
# Usage: scripts/check-newest.sh [aws-cdk-lib version]   (default: `npm view aws-cdk-lib version`)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=${1:-$(npm view aws-cdk-lib version)}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

echo '{ "name": "newest-aws-cdk-lib-check", "private": true }' > "$dir/package.json"
(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error --legacy-peer-deps \
  "aws-cdk-lib@$version" >/dev/null)
lib="$dir/node_modules/aws-cdk-lib"
installed=$(node -p "require('$lib/package.json').version")

# src/ type-checks against it (the project's tsconfig, with aws-cdk-lib resolved there).
cat > "$dir/tsconfig.json" <<EOF
{
  "extends": "$root/tsconfig.json",
  "compilerOptions": {
    "noEmit": true,
    "rootDir": "$root/src",
    "typeRoots": ["$root/node_modules/@types"],
    "types": ["node"],
    "paths": { "aws-cdk-lib": ["$lib"], "aws-cdk-lib/*": ["$lib/*"], "constructs": ["$root/node_modules/constructs"] }
  },
  "include": ["$root/src/**/*.ts"]
}
EOF
"$root/node_modules/.bin/tsc" -p "$dir/tsconfig.json"
echo "src/ type-checks against aws-cdk-lib $installed"

# The project's jest configuration, with aws-cdk-lib resolved to the install directory.
node -e '
  const [root, lib, out] = process.argv.slice(1);
  const config = require(root + "/package.json").jest;
  config.rootDir = root;
  config.reporters = ["default"];
  config.moduleNameMapper = {
    "^aws-cdk-lib$": lib,
    "^aws-cdk-lib/(.*)$": lib + "/$1",
    "^constructs$": root + "/node_modules/constructs",
  };
  require("fs").writeFileSync(out, JSON.stringify(config));
' "$root" "$lib" "$dir/jest.config.json"

# A guard that the mapping holds: the suite's aws-cdk-lib is the installed one.
cat > "$dir/version.test.js" <<EOF
test('runs against aws-cdk-lib $installed', () => {
  expect(require('aws-cdk-lib/package.json').version).toBe('$installed');
});
EOF
"$root/node_modules/.bin/jest" --ci --config "$dir/jest.config.json" \
  --roots "$root/test" "$dir" --testMatch '**/test/**/*.test.ts' "$dir/version.test.js"
echo "the jest suite passes against aws-cdk-lib $installed"
