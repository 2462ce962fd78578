#!/usr/bin/env bash
# Writes a build with N no-op targets in a deterministic dependency mesh, the same mesh as a Cake
# script, and 16 independent 200 ms targets. Usage: generate.sh OUT_DIR N [SOURCE_ROOT]
# SOURCE_ROOT is the checkout whose src/ContainerCloudBuild the build references (default: this one).
set -euo pipefail
OUT="$1"; N="$2"
ROOT="${3:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
mkdir -p "$OUT/.nuke"
cat > "$OUT/_bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TieredPGO>true</TieredPGO>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$ROOT/src/ContainerCloudBuild/ContainerCloudBuild.csproj" />
  </ItemGroup>
</Project>
XML

# deps_of i: up to 3 earlier targets, chosen deterministically.
deps_of() {
  local i=$1 k j d out=()
  (( i == 0 )) && return 0
  k=$(( (i * 7919) % 3 + 1 ))
  for ((j = 0; j < k; j++)); do
    d=$(( (i * 31 + j * 17 + j * j * 7) % i ))
    [[ " ${out[*]-} " == *" T$d "* ]] || out+=("T$d")
  done
  echo "${out[@]}"
}

declare -A has_dependent
cs="$OUT/Build.cs"; cake="$OUT/build.cake"
{
  echo "using ContainerCloudBuild;"
  echo "using ContainerCloudBuild.Engine;"
  echo "sealed class Build : PipelineBuild"
  echo "{"
  echo "    public static Task<int> Main(string[] args) => Run<Build>(args, x => x.All);"
} > "$cs"
: > "$cake"
for ((i = 0; i < N; i++)); do
  deps=$(deps_of "$i")
  csdeps=""; cakedeps=""
  for d in $deps; do
    has_dependent[$d]=1
    csdeps+="${csdeps:+, }$d"
    cakedeps+=".IsDependentOn(\"$d\")"
  done
  if [[ -n "$csdeps" ]]; then
    echo "    Target T$i => _ => _.DependsOn($csdeps).Executes(() => { });" >> "$cs"
  else
    echo "    Target T$i => _ => _.Executes(() => { });" >> "$cs"
  fi
  echo "Task(\"T$i\")$cakedeps.Does(() => { });" >> "$cake"
done
leaves=""; cakeleaves=""
for ((i = 0; i < N; i++)); do
  [[ -n "${has_dependent[T$i]-}" ]] && continue
  leaves+="${leaves:+, }T$i"; cakeleaves+=".IsDependentOn(\"T$i\")"
done
par=""
for ((i = 0; i < 16; i++)); do
  echo "    Target P$i => _ => _.Executes(ct => Task.Delay(200, ct));" >> "$cs"
  par+="${par:+, }P$i"
done
{
  echo "    Target All => _ => _.DependsOn($leaves);"
  echo "    Target Parallel16 => _ => _.DependsOn($par);"
  echo "}"
} >> "$cs"
echo "Task(\"All\")$cakeleaves;" >> "$cake"
echo "RunTarget(Argument(\"target\", \"All\"));" >> "$cake"
echo "Generated $N targets ($(grep -c DependsOn "$cs") with dependencies) in $OUT"
