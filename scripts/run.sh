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

# The script ends with its parent (npm) however that ends. package.json `exec`s this file, and it `exec`s node, so
# node is npm's own child: Ctrl-C reaches it with the terminal's process group, and `kill -INT` or `kill -TERM` of
# npm through npm, which passes those on to its child (with a shell in between, the shell kept them). When npm is
# killed outright (SIGKILL, a CI timeout), the parent-death signal does it. It then stops its servers.
run() {
  if command -v setpriv >/dev/null 2>&1; then exec setpriv --pdeathsig TERM -- node --require tsx/cjs "$@"; fi
  exec node --require tsx/cjs "$@"
}

command=${1:-}
shift || true
case "$command" in
  test) run scripts/test.ts "$@" ;;
  test-cluster) run scripts/test-cluster.ts "$@" ;;
  stack) run scripts/stack/main.ts "$@" ;;
  bench) run scripts/bench/throughput.ts "$@" ;;
  bench-batch) run scripts/bench/batch.ts "$@" ;;
  bench-counts) run scripts/bench/counts.ts "$@" ;;
  chaos) run scripts/chaos/run.ts "$@" ;;
  setup-temporal) run scripts/setup-temporal.ts "$@" ;;
  patches) run scripts/patches.ts "$@" ;;
  *) echo "usage: scripts/run.sh test|test-cluster|stack|bench|bench-batch|bench-counts|chaos|setup-temporal|patches [options]" >&2; exit 2 ;;
esac
