#!/usr/bin/env bash
# A fresh revision of the sample taking traffic at once, without the rest of a rollout: the same image started with Docker's
# --cpus (a 100 ms CFS period) and with the driver's 10 ms period (CpuQuota), alternating, each given 200 req/s over 4
# connections straight after its health check, with and without a warm-up first. Prints p50/p99/max and the CFS throttling.
# Usage (under the integration lock, after the benchmark has built its images once or with any sample image):
#   flock -o /tmp/cc-integration.lock benchmarks/RolloutLatency/fresh-revision.sh IMAGE [runs] [seconds]
set -euo pipefail
image=$1; runs=${2:-3}; seconds=${3:-6}
here=$(cd "$(dirname "$0")" && pwd)
load="$here/bin/Release/net10.0/RolloutLatency.dll"
[ -f "$load" ] || dotnet build -c Release "$here/RolloutLatency.csproj" >/dev/null
port=18990
work=$(mktemp -d)
trap 'docker rm -f ccb-fresh-revision >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
stat_of() { cat "/sys/fs/cgroup/cpu/docker/$1/cpu.stat" 2>/dev/null || cat "/sys/fs/cgroup/system.slice/docker-$1.scope/cpu.stat"; }
printf '| run | CPU limit | warm-up | requests | p50 (ms) | p99 (ms) | max (ms) | > 20 ms | throttled periods | throttled (ms) |\n'
printf '|-----|-----------|---------|---------:|---------:|---------:|---------:|--------:|------------------:|---------------:|\n'
for run in $(seq 1 "$runs"); do
  for limit in "--cpus 0.5|100 ms period" "--cpu-period 10000 --cpu-quota 5000|10 ms period" "--cpu-shares 512|shares, no quota"; do
    for warmup in ${WARMUPS:-0 300}; do
      docker rm -f ccb-fresh-revision >/dev/null 2>&1 || true
      id=$(docker run -d --name ccb-fresh-revision --network host --init ${limit%%|*} -e PORT=$port -e APP_VERSION=fresh "$image")
      until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
      for _ in $(seq 1 "$warmup"); do curl -sf "http://127.0.0.1:$port/version" >/dev/null; done
      before=$(stat_of "$id" | awk '/nr_throttled/{p=$2} /throttled_(time|usec)/{t=$2; u=($1=="throttled_time")?1e6:1e3} END{print p, t/u}')
      sleep "$seconds" | dotnet "$load" load "http://127.0.0.1:$port/version" 200 4 "$work/samples.csv"
      after=$(stat_of "$id" | awk '/nr_throttled/{p=$2} /throttled_(time|usec)/{t=$2; u=($1=="throttled_time")?1e6:1e3} END{print p, t/u}')
      cut -d, -f3 "$work/samples.csv" | sort -n | awk -v run="$run" -v limit="${limit##*|}" -v warm="$warmup" -v b="$before" -v a="$after" '
        { v[NR]=$1; if ($1>20) slow++ }
        END { split(b, x, " "); split(a, y, " ");
              printf "| %d | %s | %d | %d | %.2f | %.2f | %.2f | %d | %d | %.0f |\n", run, limit, warm, NR, v[int(NR*0.5)], v[int(NR*0.99)], v[NR], slow, y[1]-x[1], y[2]-x[2] }'
    done
  done
done
