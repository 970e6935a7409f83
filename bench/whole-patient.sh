#!/usr/bin/env bash
# Whole-patient timing, start to masks written (JVM and engine start included), on a quiet machine and with one
# core taken by a competing CPU-bound process, back to back. Prints seconds and peak RSS per run.
# usage: bench/whole-patient.sh PATIENT_DIR [RUNS]    (e.g. a folder unpacked by ../shared/lgg/unpack.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
patient="${1:?usage: bench/whole-patient.sh PATIENT_DIR [RUNS]}"
runs="${2:-2}"
[[ -d "$patient" ]] || { echo "whole-patient: $patient is not a folder" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"; [[ -n "${busy:-}" ]] && kill "$busy" 2>/dev/null || true' EXIT
last=$(( $(nproc) - 1 ))
one() { # label, env...
  local label=$1; shift
  rm -rf "$work/out"
  local s e
  s=$(date +%s.%N)
  env "$@" /usr/bin/time -f '%M' -o "$work/rss" "$here/bin/brain-tumor" segment "$patient" --out "$work/out" \
    >"$work/log" 2>&1 || { echo "$label failed:"; tail -3 "$work/log"; return 1; }
  e=$(date +%s.%N)
  printf '%-34s %6.2f s  peak RSS %5d MiB  %s\n' "$label" "$(echo "$e - $s" | bc)" "$(( $(cat "$work/rss") / 1024 ))" \
    "$(grep -o '[0-9]* threads.*batch [0-9]*' "$work/log" | head -1)"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
one "warm-up (not counted)" >/dev/null
for r in $(seq "$runs"); do
  one "quiet, defaults"
  one "quiet, BRAIN_TUMOR_THREADS=1" BRAIN_TUMOR_THREADS=1
done
taskset -c "$last" sh -c 'while :; do :; done' & busy=$!
sleep 1
for r in $(seq "$runs"); do
  one "core $last busy, defaults"
  one "core $last busy, BRAIN_TUMOR_THREADS=1" BRAIN_TUMOR_THREADS=1
  one "core $last busy, $(nproc) threads" BRAIN_TUMOR_THREADS="$(nproc)"
  one "core $last busy, $(nproc) threads, spinning" BRAIN_TUMOR_THREADS="$(nproc)" OMP_WAIT_POLICY=ACTIVE
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
