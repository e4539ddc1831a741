#!/usr/bin/env bash
# HTTP benchmarks of `mura serve` (make bench): a record's JSON and a 64 MB download, each next to
# nginx serving a static file of the same size on the same machine in the same run, and a mixed
# load of 256 connections (record GETs, lists, downloads) with errors and peak memory. Prints a
# table; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
mura="${MURA_BINARY:-$PWD/build-release/bin/mura}"
work="${MURA_BENCH_DIR:-$PWD/var/bench}/http"
seconds="${MURA_BENCH_SECONDS:-10}"
load_seconds="${MURA_BENCH_LOAD_SECONDS:-60}"
mura_port=18480
nginx_port=18481
rm -rf "$work" && mkdir -p "$work/static" "$work/big"

# A repository: the demo sheet plus one record with a 64 MB file.
"$mura" init "$work/repo" >/dev/null
"$mura" ingest --repo "$work/repo" demo/demo.csv >/dev/null
head -c 64M /dev/urandom > "$work/big/big.bin"
printf 'key,kind,title@en,file\nbig,collection,Large file,big.bin\n' > "$work/big/sheet.csv"
"$mura" ingest --repo "$work/repo" "$work/big/sheet.csv" >/dev/null

"$mura" serve --repo "$work/repo" --listen "127.0.0.1:$mura_port" --threads "${MURA_BENCH_SERVER_THREADS:-4}" --rate 0 \
  --access-log off >"$work/serve.log" 2>&1 &
mura_pid=$!
cleanup() {
  kill "$mura_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$mura_port/healthz" >/dev/null && break; sleep 0.1; done

base="http://127.0.0.1:$mura_port"
list=$(curl -sf "$base/api/v1/records?limit=1000")
record=$(python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(next(i["id"] for i in items if i["title"]!="Large file"))' <<<"$list")
big=$(python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(next(i["id"] for i in items if i["title"]=="Large file"))' <<<"$list")
curl -sf "$base/api/v1/records/$record" > "$work/static/record.json"
cp "$work/big/big.bin" "$work/static/big.bin"

# nginx with a configuration of our own, serving the same bytes.
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/static; default_type application/json; }
}
CONF
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf" -p "$work" 2>/dev/null
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$nginx_port/record.json" >/dev/null && break; sleep 0.1; done

# wrk's summary as "requests/s p99_ms MB/s errors".
run_wrk() {
  local connections=$1 duration=$2 url=$3 script=${4:-}
  local args=(-t 2 -c "$connections" -d "${duration}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" > "$work/wrk.out" 2>&1
  python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
transfer = re.search(r"Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)", text)
mb = float(transfer.group(1)) * {"B": 1e-6, "KB": 1e-3, "MB": 1, "GB": 1000}[transfer.group(2)] if transfer else 0
errors = 0
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if m: errors += sum(int(x) for x in m.groups())
m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if m: errors += int(m.group(1))
print(f"{rps:.0f} {ms(*p99.groups()) if p99 else 0:.1f} {mb:.0f} {errors}")
PY
}

# The machine is shared and noisy: mura and nginx take turns, $rounds rounds each, and the table
# shows the medians and the median of the rounds' ratios.
rounds="${MURA_BENCH_ROUNDS:-3}"
# "median_mura median_nginx median_ratio_% mura_p99 nginx_p99 mura_errors" for a field of wrk's
# summary (1 requests/s, 3 MB/s).
paired() {
  local connections=$1 field=$2 mura_url=$3 nginx_url=$4 results=""
  for _ in $(seq 1 "$rounds"); do
    results+="$(run_wrk "$connections" "$seconds" "$mura_url") $(run_wrk "$connections" "$seconds" "$nginx_url")"$'\n'
  done
  python3 - "$field" <<PY
import statistics, sys
field = int(sys.argv[1]) - 1
rows = [line.split() for line in """$results""".strip().splitlines()]
mura = [float(row[field]) for row in rows]
nginx = [float(row[4 + field]) for row in rows]
ratios = [100 * a / b if b else 0 for a, b in zip(mura, nginx)]
print(f"{statistics.median(mura):.0f} {statistics.median(nginx):.0f} {statistics.median(ratios):.0f}",
      f"{statistics.median(float(r[1]) for r in rows):.1f} {statistics.median(float(r[5]) for r in rows):.1f}",
      sum(int(r[3]) for r in rows))
PY
}
read -r mura_rps nginx_rps record_ratio mura_p99 nginx_p99 mura_err < <(
  paired 64 1 "$base/api/v1/records/$record" "http://127.0.0.1:$nginx_port/record.json")
read -r mura_mb nginx_mb download_ratio _ _ _ < <(
  paired 4 3 "$base/api/v1/records/$big/files/big.bin" "http://127.0.0.1:$nginx_port/big.bin")

# The mixed load: record GETs, lists and 1 MB ranges of the big file.
cat > "$work/mixed.lua" <<LUA
local paths = {
  "/api/v1/records/$record", "/api/v1/records/$record", "/api/v1/records/$record",
  "/api/v1/records?limit=20", "/api/v1/records/$record/children",
  "/api/v1/records/$big/files/big.bin",
}
local n = 0
request = function()
  n = n + 1
  local path = paths[(n % #paths) + 1]
  if path:find("big.bin") then
    local start = (n * 1048576) % (63 * 1048576)
    return wrk.format("GET", path, { Range = "bytes=" .. start .. "-" .. (start + 1048575) })
  end
  return wrk.format("GET", path)
end
LUA
read -r load_rps load_p99 _ load_err < <(run_wrk 256 "$load_seconds" "$base" "$work/mixed.lua")
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$mura_pid/status")

printf '\n%-44s %14s %14s %8s\n' "HTTP benchmark" "mura" "nginx" "ratio"
printf '%-44s %10s r/s %10s r/s %8s\n' "GET record JSON, 64 connections" "$mura_rps" "$nginx_rps" "$record_ratio %"
printf '%-44s %11s ms %11s ms\n' "  p99 latency" "$mura_p99" "$nginx_p99"
printf '%-44s %9s MB/s %9s MB/s %8s\n' "download 64 MB file, 4 connections" "$mura_mb" "$nginx_mb" "$download_ratio %"
printf '%-44s %10s r/s   p99 %s ms, errors %s, peak RSS %s MB\n' "mixed load, 256 connections, ${load_seconds} s" \
  "$load_rps" "$load_p99" "$((mura_err + load_err))" "$((rss_kb / 1024))"
echo "nginx: Debian nginx-light, 2 workers, sendfile, the same bytes as static files; wrk -t 2;"
echo "medians of $rounds alternating rounds of ${seconds} s each; ratio: the median of the rounds' ratios"
