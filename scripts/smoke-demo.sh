#!/usr/bin/env bash
# The demo's start-up path on a machine with no database configured, as CI
# checks it: `npm run demo` with no DATABASE_URL (none in the environment,
# none in .env) on a free port must start the embedded PostgreSQL, migrate,
# seed, build and answer /api/health with 200; a SIGTERM to npm must then
# stop the app and the database (its port closed, postmaster.pid gone).
# Leaves no .env behind unless one was there before.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_data=.liftoff/postgres/data
if [ -f .env ] && grep -qE '^\s*(export\s+)?DATABASE_URL=' .env; then
  echo "!! .env sets DATABASE_URL, so the demo would not use the embedded PostgreSQL. Run this where .env has none." >&2
  exit 1
fi
had_env=0; [ -f .env ] && had_env=1

free_port() { node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'; }
port_open() { node -e 'const c = require("net").connect(Number(process.argv[1]), "127.0.0.1"); c.on("connect", () => process.exit(0)); c.on("error", () => process.exit(1));' "$1"; }
port_closed() { ! port_open "$1"; }
alive() { kill -0 "$1" 2>/dev/null; }
# Gone, or exited and waiting to be reaped (a container's init may be slow at it).
exited() { ! alive "$1" || [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = Z ]; }
gone() { for _ in $(seq 50); do exited "$1" && return 0; sleep 0.1; done; return 1; }
stop_demo() {
  kill -TERM "$demo_pid" 2>/dev/null || true
  for _ in $(seq 300); do alive "$demo_pid" || return 0; sleep 0.1; done
  return 1
}
failures=0
check() {
  local what="$1"; shift
  if "$@"; then echo "ok - $what"; else echo "not ok - $what"; failures=$((failures + 1)); fi
}

port="$(free_port)"
echo "==> npm run demo on port $port, without DATABASE_URL"
env -u DATABASE_URL PORT="$port" npm run demo &
demo_pid=$!
cleanup() {
  if alive "$demo_pid" && ! stop_demo; then kill -KILL "$demo_pid" 2>/dev/null || true; fi
  if [ "$had_env" = 0 ]; then rm -f .env; fi
}
trap cleanup EXIT

# First run on a fresh clone: npm install and a production build come first.
check "/api/health answers 200 without a database URL" node scripts/wait-for-url.mjs "http://127.0.0.1:$port/api/health" "$demo_pid" 900
if [ ! -f "$pg_data/postmaster.pid" ]; then
  check "the embedded PostgreSQL is running" false
  exit 1
fi
pg_pid="$(sed -n 1p "$pg_data/postmaster.pid")"
pg_port="$(sed -n 4p "$pg_data/postmaster.pid")"
check "the embedded PostgreSQL listens on 127.0.0.1:$pg_port" port_open "$pg_port"
check "it listens on loopback only" test "$(sed -n 6p "$pg_data/postmaster.pid")" = 127.0.0.1
check "it refuses a connection without the password" \
  node -e 'new (require("pg").Client)(process.argv[1]).connect().then(() => process.exit(1), () => process.exit(0))' \
  "postgresql://postgres@127.0.0.1:$pg_port/liftoff"

echo "==> SIGTERM to npm (pid $demo_pid)"
check "the demo stopped within 30 s of SIGTERM" stop_demo
check "the app's port $port is closed" port_closed "$port"
check "the embedded PostgreSQL (pid $pg_pid) stopped" gone "$pg_pid"
check "its port $pg_port is closed" port_closed "$pg_port"
check "postmaster.pid is gone (a clean shutdown)" test ! -e "$pg_data/postmaster.pid"

if [ "$failures" -gt 0 ]; then
  echo "!! $failures check(s) failed; the server's log is .liftoff/postgres/postgres.log"
  exit 1
fi
