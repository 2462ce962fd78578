#!/usr/bin/env bash
# Apply benchmark: ccb-apply (our adapter, ReadyToRun) vs kubectl apply --server-side, same 200-resource folder, same fake API server.
# Usage: benchmarks/KubernetesApply/run.sh [repetitions=5] [services=25]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet publish -c Release -o "$out/ccb-apply" "$here/ApplyConsole/KubernetesApply.Console.csproj" >/dev/null
dotnet build -c Release "$here/Driver/KubernetesApply.csproj" >/dev/null
CCB_APPLY="$out/ccb-apply/ccb-apply" dotnet "$here/Driver/bin/Release/net10.0/KubernetesApply.dll" "${1:-5}" "${2:-25}"
