#!/usr/bin/env bash
# Engine overhead against graph size (issue 9): no-op targets in the generated mesh (1-3 dependencies
# each, `All` over the leaves), 500 / 2,000 / 5,000 targets, whole process with --verbosity quiet.
# With a baseline revision, the same meshes are compiled against that revision too and both are
# measured in the same run, alternating, so load on the machine hits both alike.
# Usage: benchmarks/Engine/scaling.sh [repetitions] [baseline-revision]   (default 5; medians)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPS="${1:-5}"; BASELINE="${2:-}"
SIZES=(${ENGINE_SIZES:-500 2000 5000})
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# prepare NAME N SOURCE_ROOT: generates and compiles gen-NAME-N, prints the dll path.
prepare() {
  local dir="$HERE/gen-$1-$2"
  "$HERE/generate.sh" "$dir" "$2" "$3" >/dev/null
  dotnet build "$dir/_bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
  echo "$dir/bin/Release/net10.0/_bench.dll"
}

# once_ms DLL: one whole-process run of `All` in the build's folder, in ms.
once_ms() {
  local start end
  start=$(date +%s%N)
  (cd "$(dirname "$1")/../../.." && dotnet "$1" All --verbosity quiet >/dev/null 2>&1) || { echo "run failed: $1" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2))}'; }

baseline_root=""
if [[ -n "$BASELINE" ]]; then
  baseline_parent="$(mktemp -d)"; baseline_root="$baseline_parent/engine-baseline"
  git -C "$ROOT" worktree add --detach "$baseline_root" "$BASELINE" >/dev/null 2>&1
  trap 'git -C "$ROOT" worktree remove --force "$baseline_root" >/dev/null 2>&1 || true; rm -rf "$baseline_parent"' EXIT
fi

echo "Compiling the generated mesh builds (Release) ..."
declare -A ours base
for n in "${SIZES[@]}"; do
  ours[$n]=$(prepare current "$n" "$ROOT")
  if [[ -n "$baseline_root" ]]; then base[$n]=$(prepare baseline "$n" "$baseline_root"); fi
done

echo "Measuring ($REPS repetitions each after one warm-up, median; load: $(cut -d' ' -f1-3 /proc/loadavg)) ..."
if [[ -n "$baseline_root" ]]; then
  printf '\n%-28s %12s %12s %8s\n' "No-op targets in a mesh" "current ms" "baseline ms" "ratio"
else
  printf '\n%-28s %12s %14s\n' "No-op targets in a mesh" "current ms" "ms per target"
fi
for n in "${SIZES[@]}"; do
  once_ms "${ours[$n]}" >/dev/null
  if [[ -n "$baseline_root" ]]; then once_ms "${base[$n]}" >/dev/null; fi
  ours_times=(); base_times=()
  for ((i = 0; i < REPS; i++)); do
    ours_times+=("$(once_ms "${ours[$n]}")")
    if [[ -n "$baseline_root" ]]; then base_times+=("$(once_ms "${base[$n]}")"); fi
  done
  current=$(median "${ours_times[@]}")
  if [[ -n "$baseline_root" ]]; then
    old=$(median "${base_times[@]}")
    printf '%-28s %12s %12s %8s\n' "$n targets" "$current" "$old" "$(awk -v a="$old" -v b="$current" 'BEGIN { printf "%.1fx", a / b }')"
  else
    printf '%-28s %12s %14s\n' "$n targets" "$current" "$(awk -v a="$current" -v n="$n" 'BEGIN { printf "%.2f", a / n }')"
  fi
done
echo "(load after: $(cut -d' ' -f1-3 /proc/loadavg))"
