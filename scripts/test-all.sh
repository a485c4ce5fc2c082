#!/usr/bin/env bash
# npm test: everything CI runs, on a fresh machine or a laptop. Installs what
# is missing, recreates the test databases, then lint, type check, unit and
# integration tests (Vitest, real Postgres), a production build and the
# Playwright tests against it. Ends with one line "N passed, N failed".
#
# The databases are TEST_DATABASE_URL (Vitest) and E2E_DATABASE_URL
# (Playwright); whichever is not given lives on an embedded PostgreSQL in a
# throwaway folder, removed at the end. LIFTOFF_DEMO_SMOKE=1 (CI) adds
# scripts/smoke-demo.sh as a last step.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export NEXT_TELEMETRY_DISABLED=1
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

# The throwaway server goes with its folder, however the script ends.
pg_tmp=""
remove_test_postgres() {
  [ -z "$pg_tmp" ] || node --import tsx scripts/embedded-postgres.ts stop "$pg_tmp" --remove
  pg_tmp=""
}
trap remove_test_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ -z "${TEST_DATABASE_URL:-}" ] || [ -z "${E2E_DATABASE_URL:-}" ]; then
  pg_tmp="$(mktemp -d "${TMPDIR:-/tmp}/liftoff-test-postgres.XXXXXX")"
  start_embedded_postgres "$pg_tmp" --throwaway
  echo "==> Embedded PostgreSQL on ${EMBEDDED_POSTGRES_URL##*@} in $EMBEDDED_POSTGRES_DIR (removed at the end)" \
    "for$([ -n "${TEST_DATABASE_URL:-}" ] || echo " TEST_DATABASE_URL")$([ -n "${E2E_DATABASE_URL:-}" ] || echo " E2E_DATABASE_URL")"
fi
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$EMBEDDED_POSTGRES_URL/liftoff_test}"
export E2E_DATABASE_URL="${E2E_DATABASE_URL:-$EMBEDDED_POSTGRES_URL/liftoff_e2e}"
ensure_postgres "$TEST_DATABASE_URL"
ensure_postgres "$E2E_DATABASE_URL"
echo "==> Recreating and migrating the test databases"
DATABASE_URL="$TEST_DATABASE_URL" npx tsx --conditions react-server scripts/migrate.ts --reset
DATABASE_URL="$E2E_DATABASE_URL" npx tsx --conditions react-server scripts/migrate.ts --reset
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
remove_test_postgres
if [ "${LIFTOFF_DEMO_SMOKE:-0}" = 1 ]; then
  step "Demo start-up without a database URL (embedded PostgreSQL)" bash scripts/smoke-demo.sh
fi

node scripts/test-summary.mjs "${failed_steps[@]}"
