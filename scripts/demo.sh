#!/usr/bin/env bash
# npm run demo: install, migrate, seed the demo team, build and start Liftoff
# on http://localhost:3000 (PORT to change it). The database is DATABASE_URL
# (environment or .env) or, without one, an embedded PostgreSQL kept in
# .liftoff/postgres that starts and stops with the demo. Prints how long each
# phase took once Liftoff answers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"
started="$(now)"

install_packages() {
  ensure_node_modules
  ensure_prisma_client
}
timed install install_packages

ensure_dotenv
load_dotenv
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:${PORT}}"
assert_port_free "$PORT"

stop_on_exit
timed database use_database
echo "==> Migrating"
timed migrate npx tsx --conditions react-server scripts/migrate.ts --create-db
echo "==> Seeding demo data"
timed seed npx tsx --conditions react-server prisma/seed.ts
echo "==> Building"
timed build npx next build

echo "==> Starting Liftoff on http://localhost:${PORT}"
ready_since="$(now)"
start_app node_modules/.bin/next start -p "$PORT"
node scripts/wait-for-url.mjs "http://127.0.0.1:${PORT}/api/health" "$APP_PID"
TIMINGS+=("ready $(seconds_since "$ready_since") s")
echo "==> Liftoff is ready on http://localhost:${PORT} after $(seconds_since "$started") s ($(timings)). Ctrl-C stops it."
wait "$APP_PID"
