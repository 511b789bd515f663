#!/bin/sh
# The panel's JavaScript unit tests, with Node's built-in test runner (no packages to install).
# ./mvnw verify runs this in the test phase (exec-maven-plugin); by hand: sh src/test/js/run.sh, or npm test.
set -eu
if ! command -v node >/dev/null 2>&1; then
  echo "[js] The panel's JavaScript unit tests need Node.js 20 or newer, and there is no 'node' on the PATH." >&2
  echo "[js] Install Node.js 20 (Debian/Ubuntu: apt-get install nodejs, where it is version 20 or newer) and build again." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "[js] The panel's JavaScript unit tests need Node.js 20 or newer; this is $(node --version). Install Node.js 20." >&2
  exit 1
fi
cd "$(dirname "$0")"
# JSON.parse source text access (lib/exact-json.js) is on by default from Node 22 and in Chromium; Node 20 has it
# behind a V8 flag, which the runner passes on to each test file's process
flags=""
if ! node -e 'process.exit(typeof JSON.rawJSON === "function" ? 0 : 1)'; then
  flags="--harmony-json-parse-with-source"
fi
# with no file named, the runner takes every *.test.js under this directory
exec node $flags --test --test-reporter=spec
