#!/usr/bin/env bash
# npm run demo: install, migrate, seed the demo team, build and start Liftoff
# on http://localhost:3000 (PORT to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"
if [ ! -f .env ]; then
  echo "==> Writing .env (local settings, not committed)"
  {
    echo "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/liftoff"
    echo "NEXTAUTH_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
    echo "NEXTAUTH_URL=http://localhost:${PORT}"
  } > .env
fi
set -a; source .env; set +a

ensure_node_modules
ensure_prisma_client
ensure_postgres "$DATABASE_URL"
echo "==> Migrating $DATABASE_URL"
npx tsx scripts/migrate.ts --create-db
echo "==> Seeding demo data"
npx tsx --conditions react-server prisma/seed.ts
echo "==> Building"
npx next build
echo "==> Liftoff is starting on http://localhost:${PORT}"
exec npx next start -p "$PORT"
