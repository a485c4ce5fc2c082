# Shared by demo.sh and test-all.sh: make a fresh checkout runnable.
# Installs npm packages when missing or stale, generates the Prisma client,
# and makes sure Postgres answers.

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # Not `npm ci`: the registry these machines reach serves no macOS or
    # Windows binaries, so the lock file lacks those optional packages and
    # `npm ci` refuses it. `npm install` installs the locked versions all the same.
    echo "==> Installing npm packages"
    npm install --no-audit --no-fund
  fi
}

ensure_prisma_client() {
  echo "==> Generating the Prisma client"
  npm run --silent db:generate >/dev/null
}

# Postgres runs on these machines already; start the local cluster if it is down.
ensure_postgres() {
  local url="$1"
  if node scripts/pg-ping.mjs "$url" 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "==> Starting the local PostgreSQL cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    sleep 2
  fi
  node scripts/pg-ping.mjs "$url" || {
    echo "Cannot reach PostgreSQL at $url. Start it, or set DATABASE_URL." >&2
    return 1
  }
}
