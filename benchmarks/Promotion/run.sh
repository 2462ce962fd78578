#!/usr/bin/env bash
# Promotion benchmark: ContainerCloudBuild.Registry blob-mount promotion vs docker pull + tag + push,
# for a ~100 MB image (5 layers x 20 MB random data, FROM scratch) between two repositories of a real
# docker-registry that the benchmark starts on 127.0.0.1:<free port> and removes afterwards.
# Installs nothing. Needs: docker-registry (Debian package), the docker CLI with a running dockerd, dotnet.
# Usage: benchmarks/Promotion/run.sh [--repetitions 3] [--layers 5] [--layer-mb 20]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
missing=0
command -v docker-registry >/dev/null || { echo "missing: docker-registry (apt-get install docker-registry)" >&2; missing=1; }
command -v docker >/dev/null || { echo "missing: docker CLI (apt-get install docker.io)" >&2; missing=1; }
command -v dotnet >/dev/null || { echo "missing: dotnet SDK" >&2; missing=1; }
if [ "$missing" = 0 ] && ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  echo "missing: a running dockerd on the default socket" >&2; missing=1
fi
[ "$missing" = 0 ] || exit 2
exec dotnet run --project "$here/Promotion.csproj" -c Release -- "$@"
