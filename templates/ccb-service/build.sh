#!/usr/bin/env bash
# Runs the pipeline in build/ (./build.sh --help lists targets and parameters).
# Fast path: when the files the build project is made of (paths and contents) are those of its last
# compile, the compiled build runs directly, without an MSBuild evaluation.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/Debug/net10.0/_build.dll"
STAMP="$ROOT/build/obj/.compiled-stamp"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The build project's fingerprint: sha256 over "<sha256>  <path>" of every file the compiled build is
# made of (sorted relative paths), so added, removed and changed files all count, whatever their mtime.
# build.ps1 computes the same value the same way.
fingerprint() {
  local f dirs=()
  for f in build src; do if [[ -d "$f" ]]; then dirs+=("$f"); fi; done
  {
    ((${#dirs[@]} == 0)) || find "${dirs[@]}" \( -name bin -o -name obj \) -prune -o -type f \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \) -print0
    for f in global.json Directory.Build.props Directory.Packages.props; do if [[ -f "$f" ]]; then printf '%s\0' "$f"; fi; done
  } | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -d' ' -f1
}

current="$(cd "$ROOT" && fingerprint)" || current=""
if [[ -n "$current" && -f "$BUILD_DLL" && -f "$STAMP" && "$(<"$STAMP")" == "$current" ]]; then
  exec dotnet "$BUILD_DLL" "$@"
fi

required="$(sed -n 's/.*"version"[^"]*"\([^"]*\)".*/\1/p' "$ROOT/global.json")"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: 'dotnet' is not on PATH. Install the .NET SDK $required or a later feature band of ${required%.*} (see global.json)." >&2
  exit 1
fi
if ! sdk="$(cd "$ROOT" && dotnet --version 2>/dev/null)"; then
  echo "error: no installed .NET SDK satisfies global.json (needs $required, rollForward latestFeature)." >&2
  echo "       installed: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')" >&2
  exit 1
fi

echo "Compiling the build project with SDK $sdk ..." >&2
mkdir -p "$(dirname "$STAMP")"
rm -f "$STAMP"
if ! dotnet build "$BUILD_PROJECT" -nologo -v quiet -clp:ErrorsOnly >"$ROOT/build/obj/compile.log" 2>&1; then
  cat "$ROOT/build/obj/compile.log" >&2
  echo "error: the build project did not compile (log: build/obj/compile.log)." >&2
  exit 1
fi
printf '%s' "$current" >"$STAMP"
exec dotnet "$BUILD_DLL" "$@"
