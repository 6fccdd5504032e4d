#!/usr/bin/env bash
# Builds Citus 13.2.2 (the last Citus line for PostgreSQL 15) against Debian 12's PostgreSQL 15
# and installs it into /usr/lib/postgresql/15, for the Citus test job (tools/citus/cluster.mjs).
#
# The build is cached outside the repository (CITUS_CACHE, default ~/.cache/shiori/citus-13.2.2):
# a machine that built once only runs `make install` again (a second or two); a machine with
# citus.so installed does nothing. Build time from scratch: about 1.5 min on 2 cores.
#
#   CITUS_TARBALL  the source (default ../shared/citus/citus-13.2.2.tar.gz beside the repository)
#   CITUS_CACHE    where the built tree is kept
#   FORCE=1        rebuild even when installed
# Needs root for apt-get and for installing into /usr/lib/postgresql/15.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=13.2.2
SHA256=c8fc76dc8294636a52b1a0dd75a20d8b4a36937df6443e30ca84d8d0464a6bb9
TARBALL=${CITUS_TARBALL:-$repo/../shared/citus/citus-$VERSION.tar.gz}
CACHE=${CITUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shiori/citus-$VERSION}
PGBIN=/usr/lib/postgresql/15/bin
PKGLIB=/usr/lib/postgresql/15/lib

installed_version() {
  local control=/usr/share/postgresql/15/extension/citus.control
  [ -f "$PKGLIB/citus.so" ] && [ -f "$control" ] && sed -n "s/^default_version = '\(.*\)'/\1/p" "$control"
}

if [ "${FORCE:-0}" != 1 ] && [ -n "$(installed_version || true)" ]; then
  echo "[citus] installed ($(installed_version)) in $PKGLIB"
  exit 0
fi

if [ ! -x "$PGBIN/postgres" ]; then
  echo "[citus] PostgreSQL 15 server is missing: apt-get install -y postgresql-15" >&2
  exit 1
fi

# build dependencies from Debian (only those missing; apt-get update only when something is)
deps=(postgresql-server-dev-15 build-essential libcurl4-openssl-dev liblz4-dev libzstd-dev
  libkrb5-dev libssl-dev libselinux1-dev libxslt1-dev libpam0g-dev libreadline-dev flex bison autoconf)
missing=()
for d in "${deps[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[citus] installing from Debian: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${FORCE:-0}" = 1 ] || [ ! -f "$CACHE/src/backend/distributed/citus.so" ]; then
  if [ ! -f "$TARBALL" ]; then
    echo "[citus] source not found: $TARBALL (set CITUS_TARBALL)" >&2
    exit 1
  fi
  echo "$SHA256  $TARBALL" | sha256sum -c --quiet -
  echo "[citus] building $VERSION in $CACHE (about 1.5 min on 2 cores)"
  rm -rf "$CACHE" && mkdir -p "$CACHE"
  tar -xzf "$TARBALL" -C "$CACHE" --strip-components=1
  cd "$CACHE"
  # PostgreSQL 15.18+ (Debian ships 15.20) exports have_createdb_privilege(); Citus 13.2.2's
  # compatibility header defines a static copy for PG15 and fails to compile
  # ("static declaration of 'have_createdb_privilege' follows non-static declaration").
  if grep -q 'extern bool have_createdb_privilege' /usr/include/postgresql/15/server/commands/dbcommands.h \
    && ! grep -q citus_compat_have_createdb_privilege src/include/pg_version_compat.h; then
    sed -i '/^have_createdb_privilege(void)$/i #define have_createdb_privilege citus_compat_have_createdb_privilege' src/include/pg_version_compat.h
  fi
  PG_CONFIG=$PGBIN/pg_config ./configure --quiet
  make -j"$(nproc)" -s
else
  echo "[citus] reusing the build in $CACHE"
fi
cd "$CACHE"
make install -s
echo "[citus] installed $(installed_version) into $PKGLIB"
