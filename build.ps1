#!/usr/bin/env pwsh
# Runs the pipeline in build/ (./build.ps1 --help lists targets and parameters).
# Fast path: when nothing the build project is made of changed since its last compile, the
# compiled build runs directly, without an MSBuild evaluation.
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/Debug/net10.0/_build.dll'
$Stamp = Join-Path $Root 'build/obj/.compiled-stamp'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'

function Test-Changed {
    $since = (Get-Item $Stamp).LastWriteTimeUtc
    $sources = Get-ChildItem -Recurse -File -Path (Join-Path $Root 'build'), (Join-Path $Root 'src') -Include *.cs, *.csproj, *.props, *.targets |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    $top = 'global.json', 'Directory.Build.props', 'Directory.Packages.props' | ForEach-Object { Get-Item (Join-Path $Root $_) }
    return [bool](@($sources) + @($top) | Where-Object { $_.LastWriteTimeUtc -gt $since } | Select-Object -First 1)
}

if ((Test-Path $BuildDll) -and (Test-Path $Stamp) -and -not (Test-Changed)) {
    & dotnet $BuildDll @args
    exit $LASTEXITCODE
}

$required = (Get-Content (Join-Path $Root 'global.json') | ConvertFrom-Json).sdk.version
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "'dotnet' is not on PATH. Install the .NET SDK $required or a later feature band (see global.json)."
    exit 1
}
Push-Location $Root
try { $sdk = & dotnet --version 2>$null } finally { Pop-Location }
if ($LASTEXITCODE -ne 0) {
    Write-Error "No installed .NET SDK satisfies global.json (needs $required, rollForward latestFeature). Installed: $(& dotnet --list-sdks)"
    exit 1
}

Write-Host "Compiling the build project with SDK $sdk ..."
New-Item -ItemType Directory -Force -Path (Split-Path $Stamp) | Out-Null
$started = Get-Date
& dotnet build $BuildProject -nologo -v quiet -clp:ErrorsOnly
if ($LASTEXITCODE -ne 0) { Write-Error 'The build project did not compile.'; exit 1 }
Set-Content -Path $Stamp -Value '' ; (Get-Item $Stamp).LastWriteTime = $started
& dotnet $BuildDll @args
exit $LASTEXITCODE
