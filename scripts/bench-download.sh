#!/usr/bin/env bash
# Benchmark (not a test): download one large file over loopback, to tmpfs,
# with the reference solution of exercise 07 and with socat, and print the
# throughput of each, their ratio and the solution's peak memory.
#
#   scripts/bench-download.sh            # 1 GiB
#   SIZE_MIB=256 ROUNDS=3 scripts/bench-download.sh
#   SOCAT_BLOCK=8192 scripts/bench-download.sh   # socat's default block
#
# Needs: socat, /usr/bin/time (Debian: apt-get install -y socat time),
# python3 (to find a free port), ss (iproute2) and a tmpfs (/dev/shm, or
# BENCH_DIR).
set -euo pipefail

SIZE_MIB=${SIZE_MIB:-1024}
# socat moves data in blocks of 8 KiB by default; the solution uses 64 KiB
# chunks, so socat gets the same block size for a fair race.
SOCAT_BLOCK=${SOCAT_BLOCK:-65536}
ROUNDS=${ROUNDS:-5}
cd "$(dirname "$0")/.."

for tool in socat /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install -y socat time python3)" >&2; exit 1; }
done

work=$(mktemp -d -p "${BENCH_DIR:-/dev/shm}" netlings-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
echo "working in $work ($(stat -f -c %T "$work"))"

echo "building the solution (release) ..."
cargo build --quiet --release -p sol07-file-download
server_bin=target/release/sol07-server
client_bin=target/release/sol07-client

mkdir -p "$work/root" "$work/sol" "$work/socat"
echo "making a ${SIZE_MIB} MiB file of random bytes ..."
head -c "$((SIZE_MIB << 20))" /dev/urandom > "$work/root/big.bin"
bytes=$(stat -c %s "$work/root/big.bin")

now() { date +%s.%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Both servers stay up; each round downloads once with each tool, one after
# the other, so whatever else the machine does falls on both. The median of
# the rounds is reported.
"$server_bin" 127.0.0.1:0 --root "$work/root" > "$work/server.out" &
server_pid=$!
pids+=("$server_pid")
for _ in $(seq 100); do grep -q '^listening on' "$work/server.out" 2>/dev/null && break; sleep 0.05; done
addr=$(awk '/^listening on/ {print $3; exit}' "$work/server.out")
[ -n "$addr" ] || { echo "error: the server did not start" >&2; exit 1; }

port=$(free_port)
# `fork` with the listening address first (-U: data flows right to left):
# every connection's child opens the file anew, from its first byte.
socat -b "$SOCAT_BLOCK" -U "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "OPEN:$work/root/big.bin,rdonly" &
pids+=("$!")
for _ in $(seq 100); do ss -ltn "sport = :$port" | grep -q LISTEN && break; sleep 0.05; done

seconds_of() { local start end; start=$(now); "$@" > /dev/null; end=$(now); awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'; }
sol_times=()
socat_times=()
for round in $(seq "$ROUNDS"); do
    rm -f "$work/sol/new_big.bin" "$work/socat/big.bin"
    sol_times+=("$(seconds_of /usr/bin/time -v -o "$work/client.time" "$client_bin" "$addr" big.bin --dir "$work/sol")")
    cmp -s "$work/root/big.bin" "$work/sol/new_big.bin" || { echo "error: the solution's copy differs" >&2; exit 1; }
    socat_times+=("$(seconds_of /usr/bin/time -v -o "$work/socat.time" socat -b "$SOCAT_BLOCK" -u "TCP:127.0.0.1:$port" "CREATE:$work/socat/big.bin")")
    cmp -s "$work/root/big.bin" "$work/socat/big.bin" || { echo "error: socat's copy differs" >&2; exit 1; }
    echo "round $round: solution ${sol_times[-1]} s, socat ${socat_times[-1]} s"
done
server_hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")
client_hwm=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$work/client.time")

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
sol_seconds=$(median "${sol_times[@]}")
socat_seconds=$(median "${socat_times[@]}")
calc() { awk "BEGIN {print $1}"; }
mib=$(calc "$bytes / 1048576")
sol_rate=$(calc "$mib / $sol_seconds")
socat_rate=$(calc "$mib / $socat_seconds")
printf '\n%s MiB over loopback to tmpfs (%s), median of %s rounds\n' "$SIZE_MIB" "$(nproc) cores" "$ROUNDS"
printf '  solution (sol07-server -> sol07-client):  %6.2f s  %8.1f MiB/s\n' "$sol_seconds" "$sol_rate"
printf '  socat -b %-6s (socat -> socat):         %6.2f s  %8.1f MiB/s\n' "$SOCAT_BLOCK" "$socat_seconds" "$socat_rate"
printf '  ratio solution / socat:                   %6.2f\n' "$(calc "$sol_rate / $socat_rate")"
printf '  solution peak memory: server VmHWM %s KiB (after all rounds), client max RSS %s KiB\n' "$server_hwm" "$client_hwm"
