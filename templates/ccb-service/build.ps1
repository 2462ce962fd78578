#!/usr/bin/env pwsh
# Runs the pipeline in build/ (./build.ps1 --help lists targets and parameters).
# Fast path: when the files the build project is made of (paths and contents) are those of its last
# compile, the compiled build runs directly, without an MSBuild evaluation.
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/Debug/net10.0/_build.dll'
$Stamp = Join-Path $Root 'build/obj/.compiled-stamp'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

# The build project's fingerprint: sha256 over "<sha256>  <path>`n" of every file the compiled build is
# made of (sorted relative paths), so added, removed and changed files all count, whatever their mtime.
# build.sh computes the same value the same way (sha256sum).
function Get-SourceFiles([string] $Directory, [string] $Relative) {
    foreach ($file in [System.IO.Directory]::EnumerateFiles($Directory)) {
        $name = [System.IO.Path]::GetFileName($file)
        if ($name -like '*.cs' -or $name -like '*.csproj' -or $name -like '*.props' -or $name -like '*.targets') { "$Relative/$name" }
    }
    foreach ($child in [System.IO.Directory]::EnumerateDirectories($Directory)) {
        $name = [System.IO.Path]::GetFileName($child)
        if ($name -ne 'bin' -and $name -ne 'obj') { Get-SourceFiles $child "$Relative/$name" }
    }
}

function Get-Fingerprint {
    $files = [System.Collections.Generic.List[string]]::new()
    foreach ($dir in 'build', 'src') {
        $full = Join-Path $Root $dir
        if ([System.IO.Directory]::Exists($full)) { foreach ($f in Get-SourceFiles $full $dir) { $files.Add($f) } }
    }
    foreach ($f in 'global.json', 'Directory.Build.props', 'Directory.Packages.props') {
        if ([System.IO.File]::Exists((Join-Path $Root $f))) { $files.Add($f) }
    }
    $files.Sort([System.StringComparer]::Ordinal)
    $listing = [System.Text.StringBuilder]::new()
    foreach ($f in $files) {
        $hash = [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.IO.File]::ReadAllBytes((Join-Path $Root $f)))).ToLowerInvariant()
        [void]$listing.Append("$hash  $f`n")
    }
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($listing.ToString())
    return [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes)).ToLowerInvariant()
}

$current = Get-Fingerprint
if ((Test-Path -LiteralPath $BuildDll) -and (Test-Path -LiteralPath $Stamp) -and
    ([System.IO.File]::ReadAllText($Stamp).Trim() -eq $current)) {
    & dotnet $BuildDll @args
    exit $LASTEXITCODE
}

$required = (Get-Content -Raw (Join-Path $Root 'global.json') | ConvertFrom-Json).sdk.version
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    $band = $required.Substring(0, $required.LastIndexOf('.'))
    [Console]::Error.WriteLine("error: 'dotnet' is not on PATH. Install the .NET SDK $required or a later feature band of $band (see global.json).")
    exit 1
}
Push-Location $Root
try { $sdk = & dotnet --version 2>$null; $sdkExit = $LASTEXITCODE } finally { Pop-Location }
if ($sdkExit -ne 0) {
    $installed = (& dotnet --list-sdks 2>$null | ForEach-Object { ($_ -split ' ')[0] }) -join ' '
    [Console]::Error.WriteLine("error: no installed .NET SDK satisfies global.json (needs $required, rollForward latestFeature).")
    [Console]::Error.WriteLine("       installed: $installed ")
    exit 1
}

[Console]::Error.WriteLine("Compiling the build project with SDK $sdk ...")
$log = Join-Path $Root 'build/obj/compile.log'
New-Item -ItemType Directory -Force -Path (Split-Path $Stamp) | Out-Null
Remove-Item -LiteralPath $Stamp -Force -ErrorAction SilentlyContinue
& dotnet build $BuildProject -nologo -v quiet -clp:ErrorsOnly *> $log
if ($LASTEXITCODE -ne 0) {
    [Console]::Error.WriteLine((Get-Content -Raw $log))
    [Console]::Error.WriteLine('error: the build project did not compile (log: build/obj/compile.log).')
    exit 1
}
[System.IO.File]::WriteAllText($Stamp, $current)
& dotnet $BuildDll @args
exit $LASTEXITCODE
