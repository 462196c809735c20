#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: its own cluster in a temp directory, trust auth, listening only
# on 127.0.0.1 on a free port (from 55432 up), fsync off. It never touches a system cluster.
#
#   scripts/test-postgres.sh start        Starts a server. Progress goes to stderr; stdout is two lines for eval:
#                                           export TEST_POSTGRES_DIR='/tmp/reconcile-pg.XXXXXX'
#                                           export TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:55432/reconcile_test'
#                                         so `eval "$(scripts/test-postgres.sh start)"` sets both in your shell.
#   scripts/test-postgres.sh stop [DIR]   Stops the server in DIR (default $TEST_POSTGRES_DIR) and deletes DIR.
#   scripts/test-postgres.sh bindir       Prints the directory of the newest pg_ctl/initdb; exits 1 if none.
#
# Binaries: $PG_BINDIR if set, else pg_ctl on PATH, else the newest /usr/lib/postgresql/*/bin.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user.
# The server log is DIR/server.log.
set -euo pipefail

readonly MARKER=.reconcile-test-postgres
readonly FIRST_PORT=55432

log() { printf 'test-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then
    [[ -x "$PG_BINDIR/pg_ctl" ]] || return 1
    printf '%s\n' "$PG_BINDIR"
    return 0
  fi
  local pg_ctl
  if pg_ctl=$(command -v pg_ctl); then
    # Resolve symlinks so initdb, pg_ctl and postgres all come from one installation.
    dirname "$(readlink -f "$pg_ctl")"
    return 0
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$newest" && -x "$newest/pg_ctl" ]] || return 1
  printf '%s\n' "$newest"
}

# Runs a server-side command as the owner of the cluster: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ $(id -u) -ne 0 ]]; then
    "$@"
  elif command -v runuser >/dev/null; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

# Node is always there (npm needs it) and, like PostgreSQL, binds with SO_REUSEADDR.
port_is_free() {
  node -e 'const s = require("node:net").createServer()
s.once("error", () => process.exit(1)).listen(Number(process.argv[1]), "127.0.0.1", () => s.close())' "$1"
}

stop() {
  local dir=${1:-${TEST_POSTGRES_DIR:-}}
  [[ -n "$dir" ]] || die "usage: $0 stop DIR (or set TEST_POSTGRES_DIR)"
  # Refuse to delete anything this script did not create.
  [[ -f "$dir/$MARKER" ]] || die "$dir was not made by $0; not touching it"
  local bindir
  bindir=$(cat "$dir/$MARKER")
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    (cd "$dir" && as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m fast -w -t 30 >/dev/null) ||
      log "warning: pg_ctl stop failed; see $dir/server.log"
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

start() {
  local bindir
  bindir=$(find_bindir) || die "no PostgreSQL server found (pg_ctl); install one: apt-get install postgresql"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs an OS user 'postgres' to own the server"
  fi

  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/reconcile-pg.XXXXXX")
  printf '%s\n' "$bindir" >"$dir/$MARKER"
  # Until the server is up and the database exists, any failure removes what was made.
  trap "stop $(printf '%q' "$dir") || true" EXIT
  [[ $(id -u) -ne 0 ]] || chown postgres: "$dir"

  local began=${EPOCHREALTIME/[.,]/}
  # cd: the owner may not be able to read the caller's working directory (e.g. /root).
  cd "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  # In postgresql.conf rather than on the command line, so a hand-run `pg_ctl restart` keeps them.
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

  local port=$FIRST_PORT started=false
  for _ in 1 2 3 4 5; do
    while ! port_is_free "$port"; do
      ((port++ < FIRST_PORT + 200)) || die "no free port in $FIRST_PORT..$port"
    done
    printf 'port = %d\n' "$port" >>"$dir/data/postgresql.conf"
    if as_owner "$bindir/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 >/dev/null; then
      started=true
      break
    fi
    # Most likely another process took the port between the check and the start: try the next one.
    log "start on port $port failed; last log lines:"
    tail -n 5 "$dir/server.log" >&2 || true
    port=$((port + 1))
  done
  $started || die "could not start PostgreSQL; see above"

  local tries=0
  until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    ((++tries < 300)) || die "server not ready after 60 s; see $dir/server.log"
    sleep 0.2
  done
  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c 'create database reconcile_test' >/dev/null

  trap - EXIT
  local url="postgres://postgres@127.0.0.1:$port/reconcile_test"
  local ms=$(((${EPOCHREALTIME/[.,]/} - began) / 1000))
  log "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') ready in $ms ms at $url"
  log "stop it with: $0 stop $dir"
  printf "export TEST_POSTGRES_DIR='%s'\n" "$dir"
  printf "export TEST_POSTGRES_URL='%s'\n" "$url"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  bindir) find_bindir ;;
  *) die "usage: $0 start | stop [DIR] | bindir" ;;
esac
