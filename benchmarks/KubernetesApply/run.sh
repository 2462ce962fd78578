#!/usr/bin/env bash
# Apply benchmark: ccb-apply (our adapter, Native AOT) vs kubectl apply --server-side, same 200-resource folder, same fake API server.
# Usage: benchmarks/KubernetesApply/run.sh [repetitions=5] [services=25]
# Native AOT links with clang: installed here when missing (as root, Debian); without it ccb-apply is published ReadyToRun, and says so.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if ! command -v clang >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 clang >/dev/null || true
fi
if command -v clang >/dev/null; then
  echo "ccb-apply: Native AOT"
  dotnet publish -c Release -o "$out/ccb-apply" "$here/ApplyConsole/KubernetesApply.Console.csproj" >/dev/null
else
  echo "ccb-apply: ReadyToRun (no clang for Native AOT: apt-get install clang)"
  dotnet publish -c Release -o "$out/ccb-apply" -p:PublishAot=false -p:PublishReadyToRun=true -p:SelfContained=false "$here/ApplyConsole/KubernetesApply.Console.csproj" >/dev/null
fi
dotnet build -c Release "$here/Driver/KubernetesApply.csproj" >/dev/null
CCB_APPLY="$out/ccb-apply/ccb-apply" dotnet "$here/Driver/bin/Release/net10.0/KubernetesApply.dll" "${1:-5}" "${2:-25}"
