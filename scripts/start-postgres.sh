#!/usr/bin/env bash
# Start a local PostgreSQL server for newsgraph's tests, from Debian's packages, and print
# the URL to use (export it as NEWSGRAPH_TEST_POSTGRES_URL).
#
# Runs as root on a fresh Debian 12 machine; safe to run again (installs, creates and
# starts only what is missing). The role may create databases: each store test makes a
# database of its own and drops it afterwards.
#
#   export NEWSGRAPH_TEST_POSTGRES_URL=$(bash scripts/start-postgres.sh)
#
# Settings (environment): NEWSGRAPH_PG_USER (newsgraph), NEWSGRAPH_PG_PASSWORD (newsgraph),
# NEWSGRAPH_PG_DB (newsgraph_test). Everything but the URL goes to stderr.
set -euo pipefail

PG_USER=${NEWSGRAPH_PG_USER:-newsgraph}
PG_PASSWORD=${NEWSGRAPH_PG_PASSWORD:-newsgraph}
PG_DB=${NEWSGRAPH_PG_DB:-newsgraph_test}

say() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  say "run me as root (I install packages and start the server as the postgres user)"
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
  say "creating cluster $VERSION/main"
  pg_createcluster "$VERSION" main >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')

if ! pg_ctlcluster "$VERSION" main status >/dev/null 2>&1; then
  say "starting cluster $VERSION/main on port $PORT"
  pg_ctlcluster "$VERSION" main start >&2
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then
  say "the server on port $PORT did not become ready; see /var/log/postgresql/postgresql-$VERSION-main.log"
  exit 1
fi

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -tA "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != 1 ]; then
  say "creating role $PG_USER"
  psql_admin -c "CREATE ROLE \"$PG_USER\" LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
else
  psql_admin -c "ALTER ROLE \"$PG_USER\" LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
  say "creating database $PG_DB"
  psql_admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\""
fi

echo "postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PORT/$PG_DB"
