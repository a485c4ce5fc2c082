# Shared by demo.sh, dev.sh and test-all.sh: make a fresh checkout runnable.
# Installs npm packages when missing or stale, generates the Prisma client,
# loads .env, and provides the database: the server a URL names, or else an
# embedded PostgreSQL (scripts/embedded-postgres.ts) that the calling script
# starts and stops.

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

# A local .env with a random NEXTAUTH_SECRET (sessions and mail bodies are
# encrypted with it), unless one exists.
ensure_dotenv() {
  if [ ! -f .env ]; then
    echo "==> Writing .env (local settings, not committed)"
    echo "NEXTAUTH_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')" > .env
  fi
}

# Exports the settings in .env that the environment does not set already
# (the environment wins, as it does for dotenv in the app).
load_dotenv() {
  [ -f .env ] || return 0
  local key value
  while IFS= read -r -d '' key && IFS= read -r -d '' value; do
    if [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] && [ -z "${!key+set}" ]; then export "$key=$value"; fi
  done < <(node -e 'for (const [key, value] of Object.entries(require("dotenv").parse(require("fs").readFileSync(".env")))) process.stdout.write(`${key}\0${value}\0`);')
}

# A PostgreSQL server the URL names: start this machine's cluster if it is down.
ensure_postgres() {
  local url="$1"
  if node scripts/pg-ping.mjs "$url" 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "==> Starting the local PostgreSQL cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    sleep 2
  fi
  node scripts/pg-ping.mjs "$url" || {
    echo "Cannot reach PostgreSQL at $(redact_url "$url"). Start it, or leave the URL unset to use an embedded PostgreSQL." >&2
    return 1
  }
}

# The embedded PostgreSQL kept in a folder. start_embedded_postgres DIR
# [--throwaway] sets EMBEDDED_POSTGRES_URL (the server, no database);
# stop_embedded_postgres [--remove] stops it (call it from an EXIT trap, so
# the server stops with the script). This shell's pid is the owner: if the
# shell is killed, the next start finds the server orphaned and restarts it.
EMBEDDED_POSTGRES_DIR=""
start_embedded_postgres() {
  EMBEDDED_POSTGRES_URL="$(node --import tsx scripts/embedded-postgres.ts start "$@" --owner $$)"
  # Only now: a start refused because another run uses the folder must not
  # stop that run's server on the way out.
  EMBEDDED_POSTGRES_DIR="$1"
}
stop_embedded_postgres() {
  [ -n "$EMBEDDED_POSTGRES_DIR" ] || return 0
  node --import tsx scripts/embedded-postgres.ts stop "$EMBEDDED_POSTGRES_DIR" "$@"
  EMBEDDED_POSTGRES_DIR=""
}

# DATABASE_URL when given; otherwise the embedded PostgreSQL in .liftoff/postgres
# (database "liftoff"), which the caller's EXIT trap stops.
use_database() {
  if [ -n "${DATABASE_URL:-}" ]; then
    ensure_postgres "$DATABASE_URL"
    echo "==> Using PostgreSQL at $(redact_url "$DATABASE_URL")"
    return
  fi
  start_embedded_postgres .liftoff/postgres
  export DATABASE_URL="$EMBEDDED_POSTGRES_URL/liftoff"
  echo "==> Embedded PostgreSQL on ${EMBEDDED_POSTGRES_URL##*@} (data in .liftoff/postgres, password in .liftoff/postgres/password)"
}

redact_url() { sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$1"; }

# The app runs in the background and the script waits for it: bash runs a
# trap only once the foreground command ends, so this is what lets a SIGTERM
# sent to the script (or to npm, which forwards it) stop the app at once.
APP_PID=""
start_app() {
  "$@" &
  APP_PID=$!
}
stop_app() {
  [ -n "$APP_PID" ] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  local i
  for i in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
# Ctrl-C or SIGTERM: stop the app, then its database, whatever phase was running.
stop_everything() {
  local status=$?
  trap '' INT TERM # a second Ctrl-C must not cut the clean-up short
  stop_app
  stop_embedded_postgres
  exit "$status"
}
stop_on_exit() {
  trap stop_everything EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

assert_port_free() {
  node -e 'const s = require("net").createServer(); s.once("error", () => process.exit(1)); s.listen(Number(process.argv[1]), () => s.close());' "$1" || {
    echo "Port $1 is in use: another Liftoff (perhaps left by a run that was killed: \`ss -ltnp | grep :$1\` or \`lsof -i :$1\` shows it) or another app. Stop it, or set PORT." >&2
    return 1
  }
}

# Phase timings: `timed NAME command…` runs the command and records how long it took.
TIMINGS=()
now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s; fi; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
timed() {
  local name="$1" start
  shift
  start="$(now)"
  "$@"
  TIMINGS+=("$name $(seconds_since "$start") s")
}
timings() { local IFS=","; echo "${TIMINGS[*]}" | sed 's/,/, /g'; }
