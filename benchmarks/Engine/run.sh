#!/usr/bin/env bash
# Engine benchmarks, side by side in one run (issue 2):
#   1. overhead: 500 no-op targets in a dependency mesh, our engine vs Cake 7.0.0 (local dotnet tool)
#   2. warm start: ./build.sh --help vs dotnet run --project build -- --help
#   3. parallel speed-up: 16 independent targets waiting 200 ms each, sequential vs --parallel 4
#   4. overhead against graph size: 500 / 2,000 / 5,000 no-op targets (scaling.sh; issue 9)
# Usage: benchmarks/Engine/run.sh [repetitions] [baseline-revision]   (default 5; medians are reported)
# With a baseline revision, benchmark 4 also measures that revision's engine side by side.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPS="${1:-5}"
GEN="$HERE/gen"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$HERE/generate.sh" "$GEN" 500
echo "Compiling the generated 500-target build (Release) ..."
dotnet build "$GEN/_bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
BENCH_DLL="$GEN/bin/Release/net10.0/_bench.dll"
(cd "$HERE" && dotnet tool restore >/dev/null)

# median_ms REPS command... : runs the command REPS times (after one warm-up), prints the median in ms.
median_ms() {
  local reps=$1; shift
  "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; "$@" | tail -20 >&2; exit 1; }
  local times=()
  for ((i = 0; i < reps; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2))}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }

echo "Measuring ($REPS repetitions each, median) ..."
ours=$(cd "$GEN" && median_ms "$REPS" dotnet "$BENCH_DLL" All)
cake=$(cd "$HERE" && median_ms "$REPS" dotnet tool run dotnet-cake "$GEN/build.cake" --target=All)
warm=$(cd "$ROOT" && median_ms "$REPS" ./build.sh --help)
naive=$(cd "$ROOT" && median_ms "$REPS" dotnet run --project build -- --help)
seq=$(cd "$GEN" && median_ms "$REPS" dotnet "$BENCH_DLL" Parallel16)
par=$(cd "$GEN" && median_ms "$REPS" dotnet "$BENCH_DLL" Parallel16 --parallel 4)

printf '\n%-58s %10s %10s %8s\n' "Benchmark" "ours ms" "anchor ms" "ratio"
printf '%-58s %10s %10s %8s\n' "1. 500 no-op targets (process wall time) vs Cake 7.0.0" "$ours" "$cake" "$(ratio "$cake" "$ours")"
printf '%-58s %10s %10s %8s\n' "2. ./build.sh --help vs dotnet run --project build" "$warm" "$naive" "$(ratio "$naive" "$warm")"
printf '%-58s %10s %10s %8s\n' "3. 16 x 200 ms targets: --parallel 4 vs sequential" "$par" "$seq" "$(ratio "$seq" "$par")"

echo
"$HERE/scaling.sh" "$REPS" "${2:-}"
