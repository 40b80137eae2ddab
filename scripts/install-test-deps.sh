#!/usr/bin/env bash
# Installs the real Docker clients the tests drive, where this machine allows it (Debian, root):
# docker-py (python3-docker) and docker-compose from Debian, curl and openssl, and dockerode (npm) into
# .state/node. The docker CLI itself (28.x, no daemon) is part of these machines at /usr/local/bin/docker; it is
# not on Debian's mirror. Also what the Native AOT swarmd is linked with (docs/install.md): a C toolchain (clang or
# gcc) and zlib.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$root/.state/node/node_modules/dockerode" ] && command -v npm >/dev/null; then
  echo "install-test-deps: npm install dockerode@5.0.1 (into .state/node)"
  mkdir -p "$root/.state/node"
  npm install --prefix "$root/.state/node" --no-audit --no-fund --silent dockerode@5.0.1 >/dev/null 2>&1 \
    || echo "install-test-deps: npm install dockerode failed" >&2
fi
need=()
command -v curl >/dev/null || need+=(curl)
command -v openssl >/dev/null || need+=(openssl)
/usr/bin/python3 -c 'import docker' 2>/dev/null || need+=(python3-docker)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v clang >/dev/null || command -v gcc >/dev/null || need+=(gcc libc6-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "install-test-deps: missing ${need[*]} and cannot install them here (needs Debian and root)" >&2
  exit 1
fi
echo "install-test-deps: apt-get install ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
