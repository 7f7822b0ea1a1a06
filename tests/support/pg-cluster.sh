#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 cluster for the tests:
# loopback only, a non-root OS user, data in the given directory.
#   pg-cluster.sh start DIR   -> writes DIR/url (owner) and DIR/app-url (non-owner role);
#                                the cluster itself lives in a fresh /tmp directory (DIR/cluster)
#                                so the unprivileged server user can reach it wherever DIR is
#   pg-cluster.sh pause|resume DIR   (stop/start the server, keep the data)
#   pg-cluster.sh stop DIR
set -euo pipefail
action=${1:?start|stop}
dir=$(realpath -m "${2:?directory}")
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$bindir/pg_ctl" ] || { echo "pg-cluster: PostgreSQL server binaries not found" >&2; exit 1; }

# PostgreSQL refuses to run as root: use a dedicated unprivileged user then.
run_as=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=callbook-pgtest
  id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  run_as=(runuser -u "$owner" --)
fi

cluster=""
[ -f "$dir/cluster" ] && cluster=$(cat "$dir/cluster")

case "$action" in
start)
  if [ -n "$cluster" ] && [ -f "$cluster/data/postmaster.pid" ]; then
    "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "$cluster" ] && rm -rf "$cluster"
  rm -rf "$dir"; mkdir -p "$dir"
  cluster=$(mktemp -d /tmp/callbook-pg.XXXXXX)
  chmod 755 "$cluster"; mkdir -p "$cluster/socket"
  echo "$cluster" > "$dir/cluster"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  [ "$(id -u)" -eq 0 ] && chown -R "$owner" "$cluster"
  "${run_as[@]}" "$bindir/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $cluster/socket -c fsync=on -c max_connections=200" start >/dev/null
  psql=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q)
  # callbook_owner owns the schema (migrations); callbook_app is what the service runs as.
  "${psql[@]}" -d postgres <<SQL
CREATE ROLE callbook_owner LOGIN;
CREATE ROLE callbook_app LOGIN;
CREATE DATABASE callbook OWNER callbook_owner;
SQL
  "${psql[@]}" -d callbook -c "ALTER SCHEMA public OWNER TO callbook_owner;"
  echo "postgresql://callbook_owner@127.0.0.1:$port/callbook" > "$dir/url"
  echo "postgresql://callbook_app@127.0.0.1:$port/callbook" > "$dir/app-url"
  echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$dir/superuser-url"
  echo "$bindir" > "$dir/bindir"
  echo "$port" > "$dir/port"
  echo "pg-cluster: PostgreSQL running on 127.0.0.1:$port as $owner ($cluster)"
  ;;
pause)  # stop the server but keep the cluster (outage tests)
  "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null
  ;;
resume)
  port=$(cat "$dir/port")
  "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $cluster/socket -c fsync=on -c max_connections=200" start >/dev/null
  ;;
stop)
  if [ -n "$cluster" ] && [ -f "$cluster/data/postmaster.pid" ]; then
    "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null
  fi
  [ -n "$cluster" ] && rm -rf "$cluster"
  echo "pg-cluster: stopped"
  ;;
*) echo "usage: $0 start|pause|resume|stop DIR" >&2; exit 2 ;;
esac
