#!/usr/bin/env bash
# Zabbix test fixture start/stop figures: benchmarks/ZabbixFixture/run.sh [runs] [--cold]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet run -c Release --project ZabbixFixture.Benchmarks.csproj -- "$@"
