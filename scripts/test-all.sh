#!/usr/bin/env bash
# npm test: everything CI runs, on a fresh machine or a laptop. Installs what
# is missing, recreates the test databases, then lint, type check, unit and
# integration tests (Vitest, real Postgres), a production build and the
# Playwright tests against it. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export NEXT_TELEMETRY_DISABLED=1
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/liftoff_test}"
export E2E_DATABASE_URL="${E2E_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/liftoff_e2e}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-test-only-secret-$(date +%s)-not-for-production}"

failed_steps=()
step() {
  local name="$1"; shift
  echo "==> $name"
  if ! "$@"; then
    echo "!! $name failed"
    failed_steps+=("$name")
    return 1
  fi
}

set -e
ensure_node_modules
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> Installing Debian's Chromium for Playwright"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
ensure_prisma_client
ensure_postgres "$TEST_DATABASE_URL"
echo "==> Recreating and migrating the test databases"
DATABASE_URL="$TEST_DATABASE_URL" npx tsx scripts/migrate.ts --reset
DATABASE_URL="$E2E_DATABASE_URL" npx tsx scripts/migrate.ts --reset
set +e

rm -rf reports && mkdir -p reports
step "Lint" npm run --silent lint
step "Type check" npm run --silent typecheck
step "Unit and integration tests" npx vitest run --reporter=default --reporter=json \
  --outputFile.json=reports/vitest.json
if step "Production build" npx next build; then
  step "End-to-end tests (Playwright, Chromium)" npx playwright test
else
  echo "!! Skipping end-to-end tests: the build failed"
fi

node scripts/test-summary.mjs "${failed_steps[@]}"
