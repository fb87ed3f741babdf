#!/usr/bin/env bash
# Entry point of the README's two commands (`npm start`, `npm test`): installs the npm packages when the lock
# file changed since the last install, then hands over to the TypeScript script. Everything else a command
# needs (the Temporal CLI, the test server, FerretDB) is provisioned by that script itself.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.sscard-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "npm packages: installing from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
else
  echo "npm packages: up to date"
fi

command=${1:-}
shift || true
case "$command" in
  test) exec node --require tsx/cjs scripts/test.ts "$@" ;;
  stack) exec node --require tsx/cjs scripts/stack/main.ts "$@" ;;
  bench) exec node --require tsx/cjs scripts/bench/batch.ts "$@" ;;
  *) echo "usage: scripts/run.sh test|stack|bench [options]" >&2; exit 2 ;;
esac
