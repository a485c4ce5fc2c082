#!/usr/bin/env bash
# npm run dev: Next's development server on http://localhost:3000 (PORT to
# change it), after installing and migrating. The database is DATABASE_URL
# (environment or .env) or, without one, the embedded PostgreSQL in
# .liftoff/postgres that the demo uses too, started and stopped with it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"

ensure_node_modules
ensure_prisma_client
ensure_dotenv
load_dotenv
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:${PORT}}"
assert_port_free "$PORT"

stop_on_exit
use_database
echo "==> Migrating"
npx tsx --conditions react-server scripts/migrate.ts --create-db
start_app node_modules/.bin/next dev -p "$PORT"
wait "$APP_PID"
