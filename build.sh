#!/usr/bin/env bash
# Runs the pipeline in build/ (./build.sh --help lists targets and parameters).
# Fast path: when nothing the build project is made of changed since its last compile, the
# compiled build runs directly, without an MSBuild evaluation.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/Debug/net10.0/_build.dll"
STAMP="$ROOT/build/obj/.compiled-stamp"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

changed_since_stamp() {
  local dirs=() files=() d f
  for d in "$ROOT/build" "$ROOT/src"; do [[ -d "$d" ]] && dirs+=("$d"); done
  for f in "$ROOT/global.json" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props"; do [[ -f "$f" ]] && files+=("$f"); done
  find "${dirs[@]}" \( -name bin -o -name obj \) -prune -o \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \) -newer "$STAMP" -print -quit
  [[ ${#files[@]} -eq 0 ]] || find "${files[@]}" -newer "$STAMP" -print -quit
}

if [[ -f "$BUILD_DLL" && -f "$STAMP" && -z "$(changed_since_stamp)" ]]; then
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
touch "$STAMP.new"
if ! dotnet build "$BUILD_PROJECT" -nologo -v quiet -clp:ErrorsOnly >"$ROOT/build/obj/compile.log" 2>&1; then
  cat "$ROOT/build/obj/compile.log" >&2
  echo "error: the build project did not compile (log: build/obj/compile.log)." >&2
  exit 1
fi
mv "$STAMP.new" "$STAMP"
exec dotnet "$BUILD_DLL" "$@"
