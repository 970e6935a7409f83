#!/usr/bin/env bash
# Our speed against the peer (plain PyTorch eager, Python) on this machine, back to back, same thread count.
#
#   bench/run-bench.sh [THREADS [OUT_DIR]]     # default: 1 thread, target/bench
#   SLICES=100 bench/run-bench.sh 2            # shorter memory check (RSS sampled every 100 slices)
#
# Needs a build (mvn -o package -DskipTests) and /usr/bin/python3 with torch (Debian python3-torch).
# Writes OUT_DIR/ours-tN.json, OUT_DIR/peer-tN.json, OUT_DIR/ratios-tN.txt; prints the ratios ours/peer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${1:-1}"
out="${2:-$root/target/bench}"
slices="${SLICES:-1000}"
features="${FEATURES:-32}"
peer="${PEER:-$root/../shared/bench/peer/bench_peer.py}"
[[ -f "$peer" ]] || peer=/work/shared/bench/peer/bench_peer.py
mkdir -p "$out"
ours="$out/ours-t$threads.json"
theirs="$out/peer-t$threads.json"

echo "== $(date -u +%FT%TZ) $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== ours: bin/brain-tumor bench --threads $threads --slices $slices --features $features --out $ours"
"$root/bin/brain-tumor" bench --threads "$threads" --slices "$slices" --features "$features" --out "$ours" \
  2> >(grep -v -e ' INFO ' -e 'WARN ai.djl.util.cuda' >&2)
echo "== peer: /usr/bin/python3 $peer --threads $threads --jobs unet-infer,cnn-infer,unet-train,cnn-train"
/usr/bin/python3 "$peer" --threads "$threads" --jobs unet-infer,cnn-infer,unet-train,cnn-train \
  --out "$out/peer-results.jsonl" > "$theirs"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$ours" "$theirs" <<'PY' | tee "$out/ratios-t$threads.txt"
import json, sys
ours, peer = json.load(open(sys.argv[1])), json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
print(f"threads {ours['threads']['djl_num_threads']} (ours) / {peer['threads_requested']} (peer); "
      f"peer other_cpu_frac {peer['other_cpu_frac']}; load {ours['machine']['loadavg_before']} -> {ours['loadavg_after']}")
print(f"params: unet ours {ours['unet']['params']} peer {peer['unet']['params']}; "
      f"cnn ours {ours['cnn']['params']} peer {peer['cnn']['params']}")
print(f"{'figure':<16}{'ours sl/s':>11}{'peer sl/s':>11}{'ours/peer':>11}{'min-time ratio':>16}")
for model in ("unet", "cnn"):
    for fig in ("b1", "b8", "train_b8"):
        a, b = ours[model][fig]["slices_per_s"], peer[model][fig]["slices_per_s"]
        # min times are the least disturbed by other processes on a shared machine
        m = peer[model][fig]["min_ms"] / ours[model][fig]["min_ms"]
        print(f"{model + ' ' + fig:<16}{a:>11.3f}{b:>11.3f}{a / b:>10.2f}x{m:>15.2f}x")
print(f"peak RSS MiB: ours (whole run) {ours['memory']['peak_rss_mb']}; peer unet infer {peer['unet']['peak_rss_mb']}, "
      f"unet train {peer['unet']['train_peak_rss_mb']}, cnn infer {peer['cnn']['peak_rss_mb']}")
s = ours["stack"]
print(f"stack ({s['slices']} slices, features {s['features']}): {s['split']}, conversion+post "
      f"{s['conversion_plus_postprocessing_pct_of_inference']}% of inference; patient {s['patient_seconds']} s")
f = ours["memory_flat"]
print(f"memory over {f['slices']} slices: first {f['first_mb']} last {f['last_mb']} max {f['max_mb']} MiB")
PY
