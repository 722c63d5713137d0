#!/usr/bin/env bash
# Isla's registry against Debian's docker-registry 2.8.2 (the peer), in one run, on loopback:
#   bench/registry.sh [ROUNDS]      (needs docker-registry, wrk, curl; ROUNDS default 5)
# Servers (all plain HTTP on 127.0.0.1, filesystem storage in one temp folder):
#   upstream  docker-registry holding the images the proxies pull through ("mcr")
#   peer      docker-registry, direct            peer-proxy  docker-registry, proxy.remoteurl=upstream
#   isla      StandaloneRegistry, direct under bench/, pull-through under mcr/ (rule to upstream)
# Measures cached blob GET throughput (256 MiB, 1 and 8 clients), manifest GET req/s (wrk, by tag
# and by digest, direct and through the proxies), cold pull-through of one image by 16 and 50
# clients (upstream requests and bytes from the upstream's access log, time to first byte,
# total time), and peak RSS (VmHWM). Servers run on CPU 0 and clients on CPU 1 (BENCH_PIN=0 to
# turn off). Bounded: every client has a time limit; every server is stopped at exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${1:-5}
BLOB_MIB=${BLOB_MIB:-256}
LAYER_MIB=${LAYER_MIB:-64}
WRK_SECONDS=${WRK_SECONDS:-10}
source "$ROOT/bin/lib/java.sh"
# Isla's JVM flags (bin/isla's server flags, bin/lib/java.sh, by default); BENCH_NMT=1 adds Native Memory Tracking
# and prints where Isla's memory went at the end (jcmd VM.native_memory summary).
ISLA_JVM=${ISLA_JVM:-$ISLA_SERVER_JVM_FLAGS}
NMT_FLAGS=""
[ "${BENCH_NMT:-0}" = 1 ] && NMT_FLAGS="-XX:NativeMemoryTracking=summary"
export JAVA_HOME; JAVA_HOME=$(isla_java_home)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "${BENCH_PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1)
else
  SERVER_CPU=(); CLIENT_CPU=()
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# docker-registry NAME PORT [REMOTE]: starts one with its own storage and access log.
start_peer() {
  local name=$1 port=$2 remote=${3:-}
  mkdir -p "$WORK/$name"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: false}}"
    echo "storage: {filesystem: {rootdirectory: $WORK/$name/data}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port}"
    if [ -n "$remote" ]; then echo "proxy: {remoteurl: $remote}"; fi
  } > "$WORK/$name/config.yml"
  "${SERVER_CPU[@]}" docker-registry serve "$WORK/$name/config.yml" \
    > "$WORK/$name/access.log" 2> "$WORK/$name/server.log" &
  PIDS+=($!); eval "PID_$name=$!"
}

start_isla() {
  local port=$1 upstream=$2
  # One reactor run: compiled siblings resolve to their classes; runtime scope only.
  (cd "$ROOT" && mvn -B -q -o -pl registry -am compile dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
  # shellcheck disable=SC2086 # ISLA_JVM is a list of flags
  "${SERVER_CPU[@]}" "$JAVA_HOME/bin/java" $ISLA_JVM $NMT_FLAGS \
    -cp "$ROOT/registry/target/classes:$(cat "$WORK/cp.txt")" dev.isla.registry.StandaloneRegistry \
    "$WORK/isla" "$port" "mcr.microsoft.com=$upstream" > "$WORK/isla.log" 2>&1 &
  PIDS+=($!); PID_isla=$!
}

wait_ready() {
  for _ in $(seq 1 300); do
    if curl -sf -o /dev/null --max-time 1 "$1/v2/"; then return 0; fi
    sleep 0.2
  done
  echo "server at $1 did not start" >&2; exit 1
}

# push_blob BASE REPO FILE: monolithic upload (POST, then PUT ?digest= with the body).
push_blob() {
  local base=$1 repo=$2 file=$3 digest location sep
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  location=$(curl -sS --max-time 30 -X POST -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" \
    | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
  case $location in /*) location="$base$location" ;; esac
  case $location in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -sSf --max-time 120 -X PUT -H 'Content-Type: application/octet-stream' -T "$file" \
    -o /dev/null "$location${sep}digest=$digest"
  echo "$digest"
}

# push_image BASE REPO TAG LAYER_FILE: a Docker schema 2 image (config + one layer); prints
# the manifest digest.
push_image() {
  local base=$1 repo=$2 tag=$3 layer=$4 config_digest layer_digest manifest
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{},"created":"%s"}' \
    "$repo:$tag" > "$WORK/config.json"
  config_digest=$(push_blob "$base" "$repo" "$WORK/config.json")
  layer_digest=$(push_blob "$base" "$repo" "$layer")
  manifest=$(printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":%d,"digest":"%s"}]}' \
    "$(stat -c %s "$WORK/config.json")" "$config_digest" "$(stat -c %s "$layer")" "$layer_digest")
  printf '%s' "$manifest" > "$WORK/manifest.json"
  curl -sSf --max-time 30 -X PUT -H "Content-Type: $MT" --data-binary @"$WORK/manifest.json" \
    -o /dev/null "$base/v2/$repo/manifests/$tag"
  echo "sha256:$(sha256sum "$WORK/manifest.json" | cut -d' ' -f1)"
}
MT=application/vnd.docker.distribution.manifest.v2+json

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# blob_speed URL: one GET's speed in MiB/s (body discarded).
blob_speed() {
  "${CLIENT_CPU[@]}" curl -sSf --max-time 120 -o /dev/null -w '%{speed_download}' "$1" \
    | awk '{printf "%.0f\n", $1 / 1048576}'
}

# blob_speed_parallel N URL: aggregate MiB/s of N concurrent GETs.
blob_speed_parallel() {
  local n=$1 url=$2 start end clients=()
  start=$(date +%s.%N)
  for _ in $(seq 1 "$n"); do
    "${CLIENT_CPU[@]}" curl -sSf --max-time 300 -o /dev/null "$url" &
    clients+=($!)
  done
  wait "${clients[@]}"
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" -v mib="$BLOB_MIB" 'BEGIN {printf "%.0f\n", n * mib / (e - s)}'
}

# wrk_rate URL: requests per second of GETs with the Docker manifest Accept (2 threads, 16 conns).
wrk_rate() {
  "${CLIENT_CPU[@]}" wrk -t2 -c16 -d"${WRK_SECONDS}s" --timeout 5s -H "Accept: $MT" "$1" \
    | awk '/Requests\/sec/ {printf "%.0f", $2} /Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"}'
}

echo "load before: $(uptime)"
UP=$(free_port); PEER=$(free_port); PROXY=$(free_port); ISLA=$(free_port)
start_peer upstream "$UP"
start_peer peer "$PEER"
start_peer proxy "$PROXY" "http://127.0.0.1:$UP"
start_isla "$ISLA" "http://127.0.0.1:$UP"
for port in $UP $PEER $PROXY $ISLA; do wait_ready "http://127.0.0.1:$port"; done
U=http://127.0.0.1:$UP; P=http://127.0.0.1:$PEER; PP=http://127.0.0.1:$PROXY; I=http://127.0.0.1:$ISLA

echo "== cached blob GET, ${BLOB_MIB} MiB"
head -c $((BLOB_MIB * 1048576)) /dev/urandom > "$WORK/blob"
BLOB=$(push_blob "$P" bench/blob "$WORK/blob")
push_blob "$I" bench/blob "$WORK/blob" > /dev/null
# Warm-up: page cache for both, JIT for Isla.
for _ in 1 2 3; do blob_speed "$I/v2/bench/blob/blobs/$BLOB" > /dev/null; done
blob_speed "$P/v2/bench/blob/blobs/$BLOB" > /dev/null
: > "$WORK/b1.isla"; : > "$WORK/b1.peer"; : > "$WORK/b8.isla"; : > "$WORK/b8.peer"
for _ in $(seq 1 "$ROUNDS"); do
  blob_speed "$I/v2/bench/blob/blobs/$BLOB" >> "$WORK/b1.isla"
  blob_speed "$P/v2/bench/blob/blobs/$BLOB" >> "$WORK/b1.peer"
done
for _ in $(seq 1 "$ROUNDS"); do
  blob_speed_parallel 8 "$I/v2/bench/blob/blobs/$BLOB" >> "$WORK/b8.isla"
  blob_speed_parallel 8 "$P/v2/bench/blob/blobs/$BLOB" >> "$WORK/b8.peer"
done
for c in b1 b8; do
  i=$(median < "$WORK/$c.isla"); p=$(median < "$WORK/$c.peer")
  echo "$c: isla median $i MiB/s [$(sort -g "$WORK/$c.isla" | tr '\n' ' ')] peer median $p MiB/s [$(sort -g "$WORK/$c.peer" | tr '\n' ' ')] ratio $(ratio "$i" "$p")"
done
rm -f "$WORK/blob"

echo "== manifest GET req/s (wrk -t2 -c16 -d${WRK_SECONDS}s)"
head -c 1024 /dev/urandom > "$WORK/small"
DIGEST=$(push_image "$P" bench/img v1 "$WORK/small")
push_image "$I" bench/img v1 "$WORK/small" > /dev/null
push_image "$U" bench/img v1 "$WORK/small" > /dev/null
# Prime the proxies (first pulls go upstream; later ones are what is measured).
curl -sSf --max-time 10 -o /dev/null -H "Accept: $MT" "$PP/v2/bench/img/manifests/v1"
curl -sSf --max-time 10 -o /dev/null -H "Accept: $MT" "$PP/v2/bench/img/manifests/$DIGEST"
curl -sSf --max-time 10 -o /dev/null -H "Accept: $MT" "$I/v2/mcr/bench/img/manifests/v1"
curl -sSf --max-time 10 -o /dev/null -H "Accept: $MT" "$I/v2/mcr/bench/img/manifests/$DIGEST"
for ref in v1 "$DIGEST"; do
  kind=tag; [ "$ref" = v1 ] || kind=digest
  id=$(wrk_rate "$I/v2/bench/img/manifests/$ref"); pd=$(wrk_rate "$P/v2/bench/img/manifests/$ref")
  echo "direct by $kind: isla $id req/s, peer $pd req/s, ratio $(ratio "$id" "$pd")"
  before=$(wc -l < "$WORK/upstream/access.log")
  ip=$(wrk_rate "$I/v2/mcr/bench/img/manifests/$ref")
  mid=$(wc -l < "$WORK/upstream/access.log")
  pp=$(wrk_rate "$PP/v2/bench/img/manifests/$ref")
  after=$(wc -l < "$WORK/upstream/access.log")
  echo "proxy by $kind: isla $ip req/s ($((mid - before)) upstream requests), peer-proxy $pp req/s ($((after - mid)) upstream requests), ratio $(ratio "$ip" "$pp")"
done

# cold N: N clients pull one uncached image (manifest by tag, config, layer) at once through
# each proxy; the upstream's access log counts what each proxy asked for.
cold() {
  local n=$1 repo=bench/cold$1 base kind
  head -c $((LAYER_MIB * 1048576)) /dev/urandom > "$WORK/layer"
  push_image "$U" "$repo" v1 "$WORK/layer" > /dev/null
  local config layer
  config=$(sed 's/.*"config":{[^}]*"digest":"\([^"]*\)".*/\1/' "$WORK/manifest.json")
  layer=$(sed 's/.*"layers":\[{[^}]*"digest":"\([^"]*\)".*/\1/' "$WORK/manifest.json")
  rm -f "$WORK/layer"
  for kind in isla peer; do
    if [ $kind = isla ]; then base="$I/v2/mcr/$repo"; else base="$PP/v2/$repo"; fi
    local before start end clients=()
    before=$(wc -l < "$WORK/upstream/access.log")
    mkdir -p "$WORK/cold$n.$kind"
    start=$(date +%s.%N)
    for c in $(seq 1 "$n"); do
      (
        "${CLIENT_CPU[@]}" curl -sSf --max-time 300 -o /dev/null -H "Accept: $MT" "$base/manifests/v1" \
          && "${CLIENT_CPU[@]}" curl -sSf --max-time 300 -o /dev/null "$base/blobs/$config" \
          && "${CLIENT_CPU[@]}" curl -sSf --max-time 300 -o "$WORK/cold$n.$kind/$c" \
            -w '%{time_starttransfer}\n' "$base/blobs/$layer" > "$WORK/cold$n.$kind/$c.ttfb" \
          && date +%s.%N > "$WORK/cold$n.$kind/$c.end" \
          && [ "sha256:$(sha256sum "$WORK/cold$n.$kind/$c" | cut -d' ' -f1)" = "$layer" ] \
          && rm -f "$WORK/cold$n.$kind/$c" && echo ok > "$WORK/cold$n.$kind/$c.ok"
      ) &
      clients+=($!)
    done
    wait "${clients[@]}" || true
    end=$(date +%s.%N)
    local ok gets layers heads bytes ttfb
    ok=$(ls "$WORK/cold$n.$kind" | grep -c '\.ok$' || true)
    read -r gets layers heads bytes < <(tail -n +"$((before + 1))" "$WORK/upstream/access.log" \
      | awk -v layer="$layer" '/"GET \/v2\/[^ ]*\/blobs\// {g++; if (index($0, layer)) l++}
          /"HEAD / {h++} /"GET / {b += $10} END {printf "%d %d %d %.0f\n", g, l, h, b}')
    ttfb=$(cat "$WORK/cold$n.$kind"/*.ttfb 2>/dev/null | median)
    echo "cold $n clients, $kind: $ok/$n correct, upstream blob GETs $gets (layer $layers), HEADs $heads, upstream bytes $((bytes / 1048576)) MiB, layer TTFB median ${ttfb}s, all done in $(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", e - s}')s"
  done
}
echo "== cold pull-through of one image (${LAYER_MIB} MiB layer)"
cold 16
cold 50

echo "== peak RSS (VmHWM)"
echo "isla flags: $ISLA_JVM"
echo "isla $(rss_mb "$PID_isla") MB, peer $(rss_mb "$PID_peer") MB, peer-proxy $(rss_mb "$PID_proxy") MB, upstream $(rss_mb "$PID_upstream") MB"
if [ -n "$NMT_FLAGS" ]; then
  echo "== isla native memory (committed KB by category, jcmd VM.native_memory summary)"
  "$JAVA_HOME/bin/jcmd" "$PID_isla" VM.native_memory summary \
    | awk '/^Total:/ || /^-/ {print}' | grep -v '^-  *$' | sed 's/^-  *//' | head -30
fi
echo "load after: $(uptime)"
